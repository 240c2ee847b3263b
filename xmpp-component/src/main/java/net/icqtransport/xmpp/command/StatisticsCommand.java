package net.icqtransport.xmpp.command;

import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.function.IntSupplier;
import net.icqtransport.core.bridge.Gateway;
import net.icqtransport.xmpp.form.DataForm;

/**
 * "Statistics" (admin, one stage): registered users (shared store: every instance) and online users (this
 * instance only, when several serve one domain: docs/scaling.md) (the fields of XEP-0133 §4.18 and §4.21)
 * and the component's inbound and outbound stanza backlogs.
 */
public final class StatisticsCommand implements AdHocCommand {
  public static final String NODE = "statistics";

  private final Gateway gateway;
  private final IntSupplier inboundBacklog;
  private final IntSupplier outboundBacklog;

  public StatisticsCommand(Gateway gateway, IntSupplier inboundBacklog, IntSupplier outboundBacklog) {
    this.gateway = Objects.requireNonNull(gateway, "gateway");
    this.inboundBacklog = Objects.requireNonNull(inboundBacklog, "inboundBacklog");
    this.outboundBacklog = Objects.requireNonNull(outboundBacklog, "outboundBacklog");
  }

  @Override
  public String node() {
    return NODE;
  }

  @Override
  public String name() {
    return "Statistics";
  }

  @Override
  public Audience audience() {
    return Audience.ADMINS;
  }

  @Override
  public CompletableFuture<CommandStep> execute(CommandRequest request) {
    return CompletableFuture.completedFuture(CommandStep.completed(null, DataForm.result()
        .formType(AdminForms.FORM_TYPE)
        .field("text-single", "registeredusersnum", "Registered users (all instances)", String.valueOf(gateway.registeredUsers().size()))
        .field("text-single", "onlineusersnum", "Online users (this instance)", String.valueOf(gateway.onlineUsers().size()))
        .field("text-single", "inbound-backlog", "Inbound stanzas waiting", String.valueOf(inboundBacklog.getAsInt()))
        .field("text-single", "outbound-backlog", "Outbound stanzas waiting", String.valueOf(outboundBacklog.getAsInt()))));
  }
}
