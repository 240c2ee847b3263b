package net.icqtransport.xmpp.connection;

/** Told by the {@link ConnectionSupervisor} when a link comes up or goes away. Called on the supervisor thread. */
public interface ConnectionListener {

  /** A new link is up (first connect or a reconnect). */
  void connected(ComponentLink link);

  /** The link went away; a new one is being made unless the supervisor was stopped. */
  void disconnected(ComponentLink link);
}
