package net.icqtransport.xmpp.command;

import java.util.Objects;
import java.util.Optional;
import net.icqtransport.core.user.UserAddress;
import net.icqtransport.xmpp.form.SubmittedForm;
import net.icqtransport.xmpp.stanza.StanzaException;
import org.xmpp.packet.JID;
import org.xmpp.packet.PacketError;

/**
 * One stage of a command run (XEP-0050 §3.4).
 *
 * @param requester the full JID that sent the command
 * @param user the requester as the core knows users
 * @param stage 0 for the first {@code execute}, then 1, 2, … for each form sent back
 * @param form the submitted form of this stage, if any
 */
public record CommandRequest(JID requester, UserAddress user, int stage, Optional<SubmittedForm> form) {

  public CommandRequest {
    Objects.requireNonNull(requester, "requester");
    Objects.requireNonNull(user, "user");
    Objects.requireNonNull(form, "form");
  }

  /** The submitted form, which a stage after the first needs. */
  public SubmittedForm requireForm() {
    return form.orElseThrow(() -> new StanzaException(PacketError.Condition.bad_request, "Fill in and submit the form"));
  }
}
