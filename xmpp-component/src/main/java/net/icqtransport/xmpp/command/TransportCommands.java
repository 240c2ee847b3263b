package net.icqtransport.xmpp.command;

import java.util.List;
import java.util.function.IntSupplier;
import java.util.function.Predicate;
import net.icqtransport.core.bridge.Gateway;
import net.icqtransport.xmpp.address.TransportAddresses;
import net.icqtransport.xmpp.disco.TransportPresentation;
import net.icqtransport.xmpp.handler.AccountRegistration;
import net.icqtransport.xmpp.handler.Unregistration;
import net.icqtransport.xmpp.router.RegistrationCheck;
import net.icqtransport.xmpp.stanza.StanzaSender;
import org.xmpp.packet.JID;
import net.icqtransport.xmpp.user.XmppUsers;

/**
 * The transport's command set, in the order disco#items lists it: "Register" (for users not registered), the
 * users' commands, then the admins'.
 */
public final class TransportCommands {

  private TransportCommands() {}

  public static CommandRegistry registry(
      Gateway gateway,
      TransportAddresses addresses,
      StanzaSender sender,
      XmppUsers users,
      Unregistration unregistration,
      AccountRegistration registration,
      Predicate<JID> isAdmin,
      IntSupplier inboundBacklog,
      IntSupplier outboundBacklog,
      TransportPresentation presentation) {
    PreferenceApplier applier = new PreferenceApplier(gateway, users);
    return new CommandRegistry(
        List.of(
            new RegisterCommand(registration, presentation),
            new StatusMessageCommand(users, applier),
            new InvisibilityCommand(users, applier),
            new ReconnectCommand(gateway),
            new BlockedContactsCommand(new ContactBlocking(gateway, gateway, addresses)),
            new CodepageCommand(gateway),
            new ChangePasswordCommand(registration, gateway, presentation),
            new UnregisterCommand(unregistration),
            new OnlineUsersCommand(gateway),
            new StatisticsCommand(gateway, inboundBacklog, outboundBacklog),
            new AnnounceCommand(gateway, addresses, sender),
            new DisconnectUserCommand(gateway, addresses)),
        isAdmin,
        RegistrationCheck.of(gateway)::isRegistered);
  }
}
