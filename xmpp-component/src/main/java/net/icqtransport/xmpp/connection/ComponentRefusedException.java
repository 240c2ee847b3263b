package net.icqtransport.xmpp.connection;

import java.util.Optional;
import org.xmpp.component.ComponentException;
import org.xmpp.packet.StreamError;

/**
 * The XMPP server refused the component itself, not the connection: a wrong secret ({@code not-authorized},
 * XEP-0114 §3) or a domain it does not serve as a component ({@code host-unknown}). Retrying at the usual pace
 * cannot help; someone has to change the configuration of one side. The message says which, and never holds
 * the secret.
 */
public final class ComponentRefusedException extends Exception {
  private static final long serialVersionUID = 1L;

  private ComponentRefusedException(String message, Throwable cause) {
    super(message, cause);
  }

  /** The refusal {@code e} is, if it is one, for the component {@code domain} at {@code server} (host:port). */
  static Optional<ComponentRefusedException> from(ComponentException e, String domain, String server) {
    StreamError error = e.getStreamError();
    if (error == null || error.getCondition() == null) {
      return Optional.empty();
    }
    return switch (error.getCondition()) {
      case not_authorized -> Optional.of(new ComponentRefusedException("the XMPP server at " + server
          + " refused the component secret for " + domain + " (not-authorized): the secret does not match the "
          + "server's component_secret for " + domain + " (ejabberd: the service's password; Openfire: the external "
          + "component's shared secret)", e));
      case host_unknown -> Optional.of(new ComponentRefusedException("the XMPP server at " + server
          + " does not serve " + domain + " as a component (host-unknown): declare it there (Prosody: Component \""
          + domain + "\"; ejabberd: ejabberd_service hosts) or correct the domain", e));
      default -> Optional.empty();
    };
  }
}
