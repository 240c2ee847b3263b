package net.icqtransport.xmpp.command;

import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import net.icqtransport.xmpp.disco.TransportPresentation;
import net.icqtransport.xmpp.form.DataForm;
import net.icqtransport.xmpp.form.SubmittedForm;
import net.icqtransport.xmpp.handler.AccountRegistration;

/**
 * "Register" (XEP-0050, two stages), for clients without a XEP-0077 dialog: the same fields as the
 * registration form, and on submit the same check, errors and follow-up ({@link AccountRegistration}):
 * the {@code subscribe} and the welcome message follow the command's answer. Offered only to users who are
 * not registered; registered users change their password with {@link ChangePasswordCommand}.
 */
public final class RegisterCommand extends FormCommand {
  public static final String NODE = "register";

  private final AccountRegistration registration;
  private final TransportPresentation presentation;

  /**
   * @param presentation the words of the form's instructions and account label (the command keeps its name,
   *     which the chat texts quote)
   */
  public RegisterCommand(AccountRegistration registration, TransportPresentation presentation) {
    super(NODE, "Register with ICQ", Audience.UNREGISTERED_USERS);
    this.registration = Objects.requireNonNull(registration, "registration");
    this.presentation = Objects.requireNonNull(presentation, "presentation");
  }

  /**
   * The form of both "Register" and "Change password": the account (prefilled when known, labelled as the
   * presentation says) and the password.
   */
  static DataForm credentialsForm(String title, String instructions, String accountLabel, String account) {
    return DataForm.form()
        .title(title)
        .instructions(instructions)
        .requiredField("text-single", "username", accountLabel, account)
        .requiredField("text-private", "password", "Password");
  }

  /** Registers with the submitted credentials; the follow-up runs once the answer was sent. */
  static CompletableFuture<CommandStep> submitCredentials(AccountRegistration registration, CommandRequest request,
      SubmittedForm form, String done) {
    // SubmittedForm#value strips: a password keeps its spaces, so take the raw value
    String password = form.values("password").stream().findFirst().orElse(null);
    return registration.register(request.user(), form.value("username"), password).thenApply(registered ->
        CommandStep.completed(done.formatted(registration.shownAccount(registered)))
            .then(() -> registration.followUp(registered)));
  }

  @Override
  protected DataForm form(CommandRequest request) {
    return credentialsForm("Register with ICQ", presentation.registrationInstructions(), presentation.accountLabel(),
        null);
  }

  @Override
  protected CompletableFuture<CommandStep> submit(CommandRequest request, SubmittedForm form) {
    return submitCredentials(registration, request, form, "You are registered as %s.");
  }
}
