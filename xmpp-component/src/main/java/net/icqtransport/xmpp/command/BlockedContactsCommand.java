package net.icqtransport.xmpp.command;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import net.icqtransport.core.legacy.LegacyContactId;
import net.icqtransport.xmpp.form.DataForm;
import net.icqtransport.xmpp.form.SubmittedForm;
import net.icqtransport.xmpp.stanza.StanzaException;
import org.xmpp.packet.PacketError;

/**
 * "Blocked contacts" (XEP-0050, two stages; issue #17): the form lists the ICQ contacts the user blocks, one per
 * line (ICQ number, screen name or contact JID); the submitted list becomes the deny list on the ICQ server.
 */
public final class BlockedContactsCommand implements AdHocCommand {
  public static final String NODE = "blocked-contacts";

  private final ContactBlocking blocking;

  public BlockedContactsCommand(ContactBlocking blocking) {
    this.blocking = Objects.requireNonNull(blocking, "blocking");
  }

  /** What the chat commands and XEP-0191 use too. */
  public ContactBlocking blocking() {
    return blocking;
  }

  @Override
  public String node() {
    return NODE;
  }

  @Override
  public String name() {
    return "Blocked contacts";
  }

  @Override
  public Audience audience() {
    return Audience.REGISTERED_USERS;
  }

  @Override
  public CompletableFuture<CommandStep> execute(CommandRequest request) {
    if (request.stage() == 0) {
      return blocking.blocked(request.user()).thenApply(blocked -> CommandStep.form(DataForm.form()
          .title("Blocked contacts")
          .instructions("ICQ contacts you block cannot see you online or write to you, and nothing of theirs "
              + "reaches you. One ICQ number or screen name per line; remove a line to unblock.")
          .field("text-multi", "blocked", "Blocked contacts",
              blocked.stream().map(LegacyContactId::value).toArray(String[]::new))));
    }
    SubmittedForm form = request.requireForm();
    Set<LegacyContactId> wanted = new LinkedHashSet<>();
    List<String> lines = form.values("blocked");
    for (String line : lines.stream().flatMap(value -> value.lines()).toList()) { // a value per line, or one with breaks
      if (line.isBlank()) {
        continue;
      }
      LegacyContactId contact = blocking.parse(line).orElseThrow(() -> new StanzaException(
          PacketError.Condition.bad_request,
          "\"" + abbreviate(line.strip()) + "\" is not an ICQ number or AIM screen name"));
      wanted.add(contact);
    }
    return blocking.makeBlocked(request.user(), wanted).thenApply(CommandStep::completed);
  }

  private static String abbreviate(String text) {
    return text.length() <= 20 ? text : text.substring(0, 20) + "…";
  }
}
