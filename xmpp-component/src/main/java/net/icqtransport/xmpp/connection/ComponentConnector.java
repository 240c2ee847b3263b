package net.icqtransport.xmpp.connection;

/** Opens a new XEP-0114 link to the server: one attempt, no retries (the {@link ConnectionSupervisor} retries). */
@FunctionalInterface
public interface ComponentConnector {

  /** Connects and authenticates; throws if either fails. */
  ComponentLink connect() throws Exception;
}
