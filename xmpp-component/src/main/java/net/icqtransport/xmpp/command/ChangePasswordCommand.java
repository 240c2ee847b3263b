package net.icqtransport.xmpp.command;

import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import net.icqtransport.core.bridge.Gateway;
import net.icqtransport.core.registration.Registration;
import net.icqtransport.xmpp.disco.TransportPresentation;
import net.icqtransport.xmpp.form.DataForm;
import net.icqtransport.xmpp.form.SubmittedForm;
import net.icqtransport.xmpp.handler.AccountRegistration;

/**
 * "Change password" (XEP-0050, two stages): the "Register" form with the registered account filled in; the
 * new credentials are checked by logging in before they replace the old ones, exactly as registering again
 * with XEP-0077 does ({@link AccountRegistration}). A session that is online keeps running or is replaced
 * once, never kicked (the gateway's rule for registering again).
 */
public final class ChangePasswordCommand extends FormCommand {
  public static final String NODE = "change-password";

  private final AccountRegistration registration;
  private final Gateway gateway;
  private final TransportPresentation presentation;

  public ChangePasswordCommand(AccountRegistration registration, Gateway gateway, TransportPresentation presentation) {
    super(NODE, "Change password", Audience.REGISTERED_USERS);
    this.registration = Objects.requireNonNull(registration, "registration");
    this.gateway = Objects.requireNonNull(gateway, "gateway");
    this.presentation = Objects.requireNonNull(presentation, "presentation");
  }

  @Override
  protected DataForm form(CommandRequest request) {
    String account = gateway.registration(request.user())
        .map(Registration::credentials).map(credentials -> credentials.account().value()).orElse(null);
    String network = presentation.networkName();
    return RegisterCommand.credentialsForm("Change password", "Enter the new password of your " + network
        + " account. It is checked with " + network + " before it is stored.", presentation.accountLabel(), account);
  }

  @Override
  protected CompletableFuture<CommandStep> submit(CommandRequest request, SubmittedForm form) {
    return RegisterCommand.submitCredentials(registration, request, form, "The password of %s is changed.");
  }
}
