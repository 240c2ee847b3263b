package net.icqtransport.xmpp.command;

import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import net.icqtransport.xmpp.form.DataForm;
import net.icqtransport.xmpp.form.SubmittedForm;

/**
 * A two-stage command (XEP-0050 §3.4) with a fixed node, name and audience: stage 0 shows a form, every later
 * stage acts on the form sent back. A later stage without a form is refused with {@code bad-request}
 * ({@link CommandRequest#requireForm}).
 */
abstract class FormCommand implements AdHocCommand {
  private final String node;
  private final String name;
  private final Audience audience;

  FormCommand(String node, String name, Audience audience) {
    this.node = Objects.requireNonNull(node, "node");
    this.name = Objects.requireNonNull(name, "name");
    this.audience = Objects.requireNonNull(audience, "audience");
  }

  @Override
  public final String node() {
    return node;
  }

  @Override
  public final String name() {
    return name;
  }

  @Override
  public final Audience audience() {
    return audience;
  }

  /** The form of stage 0. */
  protected abstract DataForm form(CommandRequest request);

  /** Acts on the submitted form. */
  protected abstract CompletableFuture<CommandStep> submit(CommandRequest request, SubmittedForm form);

  @Override
  public final CompletableFuture<CommandStep> execute(CommandRequest request) {
    if (request.stage() == 0) {
      return CompletableFuture.completedFuture(CommandStep.form(form(request)));
    }
    return submit(request, request.requireForm());
  }
}
