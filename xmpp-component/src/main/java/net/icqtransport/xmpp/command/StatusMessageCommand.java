package net.icqtransport.xmpp.command;

import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import net.icqtransport.core.user.UserAddress;
import net.icqtransport.xmpp.form.DataForm;
import net.icqtransport.xmpp.form.SubmittedForm;
import net.icqtransport.xmpp.user.XmppUsers;

/** "Set status message" (XEP-0050, two stages): a status text for ICQ that replaces the client's. */
public final class StatusMessageCommand extends FormCommand {
  public static final String NODE = "status-message";

  private final XmppUsers users;
  private final PreferenceApplier applier;

  public StatusMessageCommand(XmppUsers users, PreferenceApplier applier) {
    super(NODE, "Set status message", Audience.REGISTERED_USERS);
    this.users = Objects.requireNonNull(users, "users");
    this.applier = Objects.requireNonNull(applier, "applier");
  }

  @Override
  protected DataForm form(CommandRequest request) {
    return DataForm.form()
        .title("Set status message")
        .instructions("The status message ICQ contacts see. Leave it empty to use your client's again.")
        .field("text-single", "status", "Status message", users.of(request.user()).statusMessage().orElse(null));
  }

  @Override
  protected CompletableFuture<CommandStep> submit(CommandRequest request, SubmittedForm form) {
    return CompletableFuture.completedFuture(CommandStep.completed(set(request.user(), form.value("status"))));
  }

  /**
   * Sets (or with {@code null} clears) the user's status message and applies it at once; returns what was
   * done, in words. The chat command {@code away} runs this too.
   */
  public String set(UserAddress user, String text) {
    users.of(user).setStatusMessage(text);
    boolean applied = applier.apply(user);
    String what = text == null ? "Your client's status message is used again" : "Status message set to '" + text + "'";
    return what + (applied ? "." : "; it applies when you are next online.");
  }
}
