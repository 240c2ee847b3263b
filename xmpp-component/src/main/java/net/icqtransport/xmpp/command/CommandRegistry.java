package net.icqtransport.xmpp.command;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import net.icqtransport.core.user.UserAddress;
import net.icqtransport.xmpp.stanza.StanzaException;
import org.xmpp.packet.JID;
import org.xmpp.packet.PacketError;

/**
 * The transport's commands by node, and who may run which: users who are not registered the "Register"
 * command, registered users their own commands, admins the XEP-0133 ones. Disco#items lists only what the requester may run (XEP-0050 §2.2 allows hiding).
 */
public final class CommandRegistry {

  private final Map<String, AdHocCommand> commands = new LinkedHashMap<>();
  private final Predicate<JID> isAdmin;
  private final Predicate<UserAddress> isRegistered;

  public CommandRegistry(List<AdHocCommand> commands, Predicate<JID> isAdmin, Predicate<UserAddress> isRegistered) {
    for (AdHocCommand command : commands) {
      if (this.commands.putIfAbsent(command.node(), command) != null) {
        throw new IllegalArgumentException("two commands with node " + command.node());
      }
    }
    this.isAdmin = isAdmin;
    this.isRegistered = isRegistered;
  }

  public Optional<AdHocCommand> find(String node) {
    return Optional.ofNullable(commands.get(node));
  }

  /** The command of a node that must be registered, as its class: for code that runs it otherwise (chat commands). */
  public <T extends AdHocCommand> T require(String node, Class<T> type) {
    return type.cast(find(node).orElseThrow(() -> new IllegalStateException("no command " + node)));
  }

  /** The commands the requester may run, in registration order. */
  public List<AdHocCommand> runnableBy(JID requester, UserAddress user) {
    return commands.values().stream().filter(command -> mayRun(command, requester, user)).toList();
  }

  /**
   * Refuses a requester who may not run the command: {@code forbidden} for admin commands (XEP-0050 §4.6),
   * {@code registration-required} for user commands of someone not registered (RFC 6120 §8.3.3.16),
   * {@code conflict} for "Register" run by someone registered already (RFC 6120 §8.3.3.2).
   */
  public void checkMayRun(AdHocCommand command, JID requester, UserAddress user) {
    if (mayRun(command, requester, user)) {
      return;
    }
    if (command.audience() == AdHocCommand.Audience.ADMINS) {
      throw new StanzaException(PacketError.Condition.forbidden, "Only the transport's administrators may do this");
    }
    if (command.audience() == AdHocCommand.Audience.UNREGISTERED_USERS) {
      throw new StanzaException(PacketError.Condition.conflict,
          "You are registered already; change the password with the 'Change password' command");
    }
    throw new StanzaException(PacketError.Condition.registration_required, "Register with the transport first");
  }

  private boolean mayRun(AdHocCommand command, JID requester, UserAddress user) {
    return switch (command.audience()) {
      case ADMINS -> isAdmin.test(requester);
      case REGISTERED_USERS -> isRegistered.test(user);
      case UNREGISTERED_USERS -> !isRegistered.test(user);
    };
  }
}
