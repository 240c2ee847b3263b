package net.icqtransport.xmpp.command;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import net.icqtransport.core.bridge.Administration;
import net.icqtransport.core.user.UserAddress;
import net.icqtransport.xmpp.address.TransportAddresses;
import net.icqtransport.xmpp.form.DataForm;
import net.icqtransport.xmpp.form.SubmittedForm;
import net.icqtransport.xmpp.stanza.StanzaException;
import org.xmpp.packet.JID;
import org.xmpp.packet.PacketError;

/**
 * "Disconnect a user" (XEP-0133 §4.11 End User Session, two stages): ends the ICQ sessions of the given
 * users until their next presence; each is told the reason.
 */
public final class DisconnectUserCommand extends FormCommand {
  public static final String NODE = AdminForms.NODE_PREFIX + "end-user-session";
  static final String DEFAULT_REASON = "Disconnected by the transport's administrator";

  private final Administration gateway;
  private final TransportAddresses addresses;

  public DisconnectUserCommand(Administration gateway, TransportAddresses addresses) {
    super(NODE, "Disconnect a user", Audience.ADMINS);
    this.gateway = Objects.requireNonNull(gateway, "gateway");
    this.addresses = Objects.requireNonNull(addresses, "addresses");
  }

  @Override
  protected DataForm form(CommandRequest request) {
    return DataForm.form()
        .title("Disconnect a user")
        .instructions("End the ICQ session of these users until they next go online.")
        .formType(AdminForms.FORM_TYPE)
        .requiredField("jid-multi", "accountjids", "The Jabber IDs of the users")
        .field("text-single", "reason", "Reason shown to them");
  }

  @Override
  protected CompletableFuture<CommandStep> submit(CommandRequest request, SubmittedForm form) {
    List<UserAddress> users = new ArrayList<>();
    for (String jid : form.values("accountjids")) {
      if (!jid.isBlank()) {
        users.add(userOf(jid.strip()));
      }
    }
    if (users.isEmpty()) {
      throw new StanzaException(PacketError.Condition.bad_request, "Enter the Jabber ID of a user");
    }
    String reason = form.value("reason") == null ? DEFAULT_REASON : form.value("reason");
    users.forEach(user -> gateway.disconnect(user, reason));
    return CompletableFuture.completedFuture(CommandStep.completed("Disconnected " + users.size() + " user(s)."));
  }

  private UserAddress userOf(String jid) {
    try {
      return addresses.userOf(new JID(jid));
    } catch (IllegalArgumentException e) {
      throw new StanzaException(PacketError.Condition.jid_malformed, "'" + jid + "' is not a Jabber ID");
    }
  }
}
