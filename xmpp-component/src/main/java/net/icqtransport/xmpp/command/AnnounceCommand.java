package net.icqtransport.xmpp.command;

import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import net.icqtransport.core.bridge.Administration;
import net.icqtransport.core.user.UserAddress;
import net.icqtransport.xmpp.address.TransportAddresses;
import net.icqtransport.xmpp.form.DataForm;
import net.icqtransport.xmpp.form.SubmittedForm;
import net.icqtransport.xmpp.stanza.StanzaException;
import net.icqtransport.xmpp.stanza.StanzaSender;
import org.xmpp.packet.Message;
import org.xmpp.packet.PacketError;

/**
 * "Announce" (XEP-0133 §4.23 Send Announcement to Online Users, two stages): a message from the transport's
 * domain to the bare JID of every user with an ICQ session.
 */
public final class AnnounceCommand extends FormCommand {
  public static final String NODE = AdminForms.NODE_PREFIX + "announce";

  private final Administration gateway;
  private final TransportAddresses addresses;
  private final StanzaSender sender;

  public AnnounceCommand(Administration gateway, TransportAddresses addresses, StanzaSender sender) {
    super(NODE, "Announce", Audience.ADMINS);
    this.gateway = Objects.requireNonNull(gateway, "gateway");
    this.addresses = Objects.requireNonNull(addresses, "addresses");
    this.sender = Objects.requireNonNull(sender, "sender");
  }

  @Override
  protected DataForm form(CommandRequest request) {
    return DataForm.form()
        .title("Announce")
        .instructions("Send a message to every user online with the transport.")
        .formType(AdminForms.FORM_TYPE)
        .field("text-single", "subject", "Subject")
        .requiredField("text-multi", "announcement", "Announcement");
  }

  @Override
  protected CompletableFuture<CommandStep> submit(CommandRequest request, SubmittedForm form) {
    String body = String.join("\n", form.values("announcement")).strip();
    if (body.isEmpty()) {
      throw new StanzaException(PacketError.Condition.bad_request, "The announcement is empty");
    }
    String subject = form.value("subject");
    List<UserAddress> users = gateway.onlineUsers();
    for (UserAddress user : users) {
      Message message = new Message();
      message.setFrom(addresses.domain());
      message.setTo(addresses.userJid(user));
      if (subject != null) {
        message.setSubject(subject);
      }
      message.setBody(body);
      sender.send(message);
    }
    return CompletableFuture.completedFuture(CommandStep.completed("Announcement sent to " + users.size() + " online users."));
  }
}
