package net.icqtransport.xmpp.command;

import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import net.icqtransport.xmpp.state.UserPreferences;

/** "Go invisible / visible" (XEP-0050, one stage): toggles ICQ invisibility over whatever the client shows. */
public final class InvisibilityCommand implements AdHocCommand {
  public static final String NODE = "invisibility";

  private final UserPreferences preferences;
  private final PreferenceApplier applier;

  public InvisibilityCommand(UserPreferences preferences, PreferenceApplier applier) {
    this.preferences = Objects.requireNonNull(preferences, "preferences");
    this.applier = Objects.requireNonNull(applier, "applier");
  }

  @Override
  public String node() {
    return NODE;
  }

  @Override
  public String name() {
    return "Go invisible / visible";
  }

  @Override
  public Audience audience() {
    return Audience.REGISTERED_USERS;
  }

  @Override
  public CompletableFuture<CommandStep> execute(CommandRequest request) {
    boolean invisible = preferences.toggleInvisible(request.user());
    applier.apply(request.user());
    return CompletableFuture.completedFuture(CommandStep.completed(
        invisible ? "You are now invisible on ICQ." : "You are now visible on ICQ."));
  }
}
