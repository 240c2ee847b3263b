package net.icqtransport.xmpp.command;

import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import net.icqtransport.core.bridge.UserSessions;
import net.icqtransport.core.user.UserAddress;

/** "Reconnect to ICQ" (XEP-0050, one stage): ends the user's ICQ session and logs in again at once. */
public final class ReconnectCommand implements AdHocCommand {
  public static final String NODE = "reconnect";

  private final UserSessions gateway;

  public ReconnectCommand(UserSessions gateway) {
    this.gateway = Objects.requireNonNull(gateway, "gateway");
  }

  @Override
  public String node() {
    return NODE;
  }

  @Override
  public String name() {
    return "Reconnect to ICQ";
  }

  @Override
  public Audience audience() {
    return Audience.REGISTERED_USERS;
  }

  @Override
  public CompletableFuture<CommandStep> execute(CommandRequest request) {
    return CompletableFuture.completedFuture(CommandStep.completed(reconnect(request.user())));
  }

  /** Asks the gateway to log in again; the chat command {@code reconnect} runs this too. */
  public String reconnect(UserAddress user) {
    gateway.reconnect(user);
    return "Reconnecting to ICQ…";
  }
}
