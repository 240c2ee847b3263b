package net.icqtransport.core.registration;

import java.util.Optional;

/**
 * Keeps the login rate the transport learned per login server ({@link LearnedLoginRate}) across restarts, so
 * that a restart that brings every user back at once starts at the pace the server accepted instead of learning
 * it again through refused logins. Implementations are thread-safe; a failure surfaces as {@link StoreException}.
 */
public interface LoginRateStore {

  /** What was learned about {@code loginServer} ("host:port"); empty if nothing yet. */
  Optional<LearnedLoginRate> find(String loginServer);

  /** Records what was learned about {@code loginServer}, replacing what was recorded before. */
  void save(String loginServer, LearnedLoginRate rate);
}
