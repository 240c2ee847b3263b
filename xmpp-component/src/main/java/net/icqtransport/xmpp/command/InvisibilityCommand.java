package net.icqtransport.xmpp.command;

import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import net.icqtransport.core.user.UserAddress;
import net.icqtransport.xmpp.user.XmppUsers;

/** "Go invisible / visible" (XEP-0050, one stage): toggles ICQ invisibility over whatever the client shows. */
public final class InvisibilityCommand implements AdHocCommand {
  public static final String NODE = "invisibility";

  private final XmppUsers users;
  private final PreferenceApplier applier;

  public InvisibilityCommand(XmppUsers users, PreferenceApplier applier) {
    this.users = Objects.requireNonNull(users, "users");
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
    return CompletableFuture.completedFuture(CommandStep.completed(
        set(request.user(), !users.of(request.user()).isInvisible())));
  }

  /** Makes the user invisible or visible and applies it at once; the chat command {@code invisible} runs this too. */
  public String set(UserAddress user, boolean invisible) {
    if (users.of(user).isInvisible() != invisible) {
      users.of(user).setInvisible(invisible);
    }
    applier.apply(user);
    return invisible ? "You are now invisible on ICQ." : "You are now visible on ICQ.";
  }
}
