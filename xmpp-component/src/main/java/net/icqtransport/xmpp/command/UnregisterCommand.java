package net.icqtransport.xmpp.command;

import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import net.icqtransport.xmpp.form.DataForm;
import net.icqtransport.xmpp.form.SubmittedForm;
import net.icqtransport.xmpp.handler.Unregistration;

/**
 * "Unregister" (XEP-0050, two stages): after a confirmation, the same removal as XEP-0077
 * {@code <remove/>} ({@link Unregistration}); the unsubscribe presences follow the command's answer.
 */
public final class UnregisterCommand extends FormCommand {
  public static final String NODE = "unregister";

  private final Unregistration unregistration;

  public UnregisterCommand(Unregistration unregistration) {
    super(NODE, "Unregister", Audience.REGISTERED_USERS);
    this.unregistration = Objects.requireNonNull(unregistration, "unregistration");
  }

  @Override
  protected DataForm form(CommandRequest request) {
    return DataForm.form()
        .title("Unregister")
        .instructions("Remove your ICQ account from the transport? Your ICQ contacts leave your roster's presence.")
        .requiredField("boolean", "confirm", "Yes, unregister", "0");
  }

  @Override
  protected CompletableFuture<CommandStep> submit(CommandRequest request, SubmittedForm form) {
    if (!form.isTrue("confirm")) {
      return CompletableFuture.completedFuture(CommandStep.completed("Nothing changed: you are still registered."));
    }
    return unregistration.remove(request.user()).thenApply(existed ->
        CommandStep.completed("You are unregistered from the ICQ transport.")
            .then(() -> unregistration.announce(request.user())));
  }
}
