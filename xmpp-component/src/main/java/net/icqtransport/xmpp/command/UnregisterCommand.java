package net.icqtransport.xmpp.command;

import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import net.icqtransport.xmpp.form.DataForm;
import net.icqtransport.xmpp.handler.Unregistration;

/**
 * "Unregister" (XEP-0050, two stages): after a confirmation, the same removal as XEP-0077
 * {@code <remove/>} ({@link Unregistration}); the unsubscribe presences follow the command's answer.
 */
public final class UnregisterCommand implements AdHocCommand {
  public static final String NODE = "unregister";

  private final Unregistration unregistration;

  public UnregisterCommand(Unregistration unregistration) {
    this.unregistration = Objects.requireNonNull(unregistration, "unregistration");
  }

  @Override
  public String node() {
    return NODE;
  }

  @Override
  public String name() {
    return "Unregister";
  }

  @Override
  public Audience audience() {
    return Audience.REGISTERED_USERS;
  }

  @Override
  public CompletableFuture<CommandStep> execute(CommandRequest request) {
    if (request.stage() == 0) {
      return CompletableFuture.completedFuture(CommandStep.form(DataForm.form()
          .title("Unregister")
          .instructions("Remove your ICQ account from the transport? Your ICQ contacts leave your roster's presence.")
          .requiredField("boolean", "confirm", "Yes, unregister", "0")));
    }
    if (!request.requireForm().isTrue("confirm")) {
      return CompletableFuture.completedFuture(CommandStep.completed("Nothing changed: you are still registered."));
    }
    return unregistration.remove(request.user()).thenApply(existed ->
        CommandStep.completed("You are unregistered from the ICQ transport.")
            .then(() -> unregistration.announce(request.user())));
  }
}
