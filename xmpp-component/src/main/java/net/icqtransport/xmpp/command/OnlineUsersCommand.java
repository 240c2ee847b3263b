package net.icqtransport.xmpp.command;

import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import net.icqtransport.core.bridge.Administration;
import net.icqtransport.core.user.UserAddress;
import net.icqtransport.xmpp.form.DataForm;

/**
 * "Online users" (XEP-0133 §4.22 Get List of Online Users, one stage): the bare JIDs of users with an ICQ
 * session (logged in, logging in or reconnecting), sorted, as the {@code onlineuserjids} field.
 */
public final class OnlineUsersCommand implements AdHocCommand {
  public static final String NODE = AdminForms.NODE_PREFIX + "get-online-users-list";

  private final Administration gateway;

  public OnlineUsersCommand(Administration gateway) {
    this.gateway = Objects.requireNonNull(gateway, "gateway");
  }

  @Override
  public String node() {
    return NODE;
  }

  @Override
  public String name() {
    return "Online users";
  }

  @Override
  public Audience audience() {
    return Audience.ADMINS;
  }

  @Override
  public CompletableFuture<CommandStep> execute(CommandRequest request) {
    String[] jids = gateway.onlineUsers().stream().map(UserAddress::bareJid).sorted().toArray(String[]::new);
    return CompletableFuture.completedFuture(CommandStep.completed(null, DataForm.result()
        .formType(AdminForms.FORM_TYPE)
        .field("jid-multi", "onlineuserjids", "The list of all online users", jids)));
  }
}
