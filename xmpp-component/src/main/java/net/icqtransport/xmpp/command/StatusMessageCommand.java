package net.icqtransport.xmpp.command;

import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import net.icqtransport.xmpp.form.DataForm;
import net.icqtransport.xmpp.state.UserPreferences;

/** "Set status message" (XEP-0050, two stages): a status text for ICQ that replaces the client's. */
public final class StatusMessageCommand implements AdHocCommand {
  public static final String NODE = "status-message";

  private final UserPreferences preferences;
  private final PreferenceApplier applier;

  public StatusMessageCommand(UserPreferences preferences, PreferenceApplier applier) {
    this.preferences = Objects.requireNonNull(preferences, "preferences");
    this.applier = Objects.requireNonNull(applier, "applier");
  }

  @Override
  public String node() {
    return NODE;
  }

  @Override
  public String name() {
    return "Set status message";
  }

  @Override
  public Audience audience() {
    return Audience.REGISTERED_USERS;
  }

  @Override
  public CompletableFuture<CommandStep> execute(CommandRequest request) {
    if (request.stage() == 0) {
      return CompletableFuture.completedFuture(CommandStep.form(DataForm.form()
          .title("Set status message")
          .instructions("The status message ICQ contacts see. Leave it empty to use your client's again.")
          .field("text-single", "status", "Status message", preferences.statusMessage(request.user()).orElse(null))));
    }
    String text = request.requireForm().value("status");
    preferences.setStatusMessage(request.user(), text);
    boolean applied = applier.apply(request.user());
    String what = text == null ? "Your client's status message is used again" : "Status message set to '" + text + "'";
    return CompletableFuture.completedFuture(CommandStep.completed(
        what + (applied ? "." : "; it applies when you are next online.")));
  }
}
