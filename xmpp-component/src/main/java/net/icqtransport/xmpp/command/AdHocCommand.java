package net.icqtransport.xmpp.command;

import java.util.concurrent.CompletableFuture;

/**
 * One ad-hoc command (XEP-0050) the transport offers on its domain. A command runs in stages: stage 0 is
 * the {@code execute} that starts it, each later stage a submitted form (§3.4). A one-stage command returns
 * {@link CommandStep#completed} at once; a multi-stage one returns {@link CommandStep#form} until it has what
 * it needs. Input the command cannot accept is refused by throwing a
 * {@link net.icqtransport.xmpp.stanza.StanzaException} (usually {@code bad-request}); the session stays at
 * its stage so the form can be sent again.
 */
public interface AdHocCommand {

  /** Who may run a command. */
  enum Audience {
    /** Jabber users not (yet) registered with the transport: the "Register" command (issue #17). */
    UNREGISTERED_USERS,
    /** Users registered with the transport, on their own account. */
    REGISTERED_USERS,
    /** The admin JIDs of {@link net.icqtransport.xmpp.ComponentSettings#adminJids()} (XEP-0133). */
    ADMINS
  }

  /** The command's disco node (XEP-0050 §2.2), unique within the transport. */
  String node();

  /** The human-readable name listed in disco#items. */
  String name();

  Audience audience();

  /** Runs one stage. */
  CompletableFuture<CommandStep> execute(CommandRequest request);
}
