package net.icqtransport.xmpp.connection;

import java.io.IOException;
import java.net.InetAddress;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import javax.net.ssl.SSLSocket;
import net.icqtransport.core.tls.CertificateRefusedException;
import net.icqtransport.core.tls.TlsSettings;
import net.icqtransport.xmpp.ComponentSettings;
import org.jivesoftware.whack.ExternalComponentManager;
import org.xmpp.component.ComponentException;
import org.xmpp.component.ComponentManager;
import org.xmpp.component.ComponentManagerFactory;
import org.xmpp.packet.Packet;

/**
 * Opens XEP-0114 links with Whack 3.1.0. The {@link ExternalComponentManager} only supplies settings (host,
 * secret, connect timeout); components are not registered with it, so its own bookkeeping and reconnect
 * logic stay out of the way.
 *
 * <p>Whack's manager has two global side effects: its constructor replaces the JVM-wide
 * {@link ComponentManagerFactory} instance (undone here), and it calls {@code Preferences.userRoot()}, which
 * creates {@code ~/.java/.userPrefs} unless {@code -Djava.util.prefs.userRoot} points elsewhere.
 */
public final class WhackConnector implements ComponentConnector {

  private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);

  private final ComponentSettings settings;
  private final InboundComponent component;
  private ExternalComponentManager manager;

  /**
   * @param inbound receives every inbound stanza, in stream order, on Whack's reader thread; must not block
   */
  public WhackConnector(ComponentSettings settings, Consumer<Packet> inbound) {
    this.settings = Objects.requireNonNull(settings, "settings");
    this.component = new InboundComponent(inbound);
  }

  /**
   * Opens the stream: plaintext by Whack itself, or, with TLS, over a socket verified here (CA and RFC 6125
   * host name, see {@link TlsSettings#connect}) and handed to Whack through a {@link LoopbackTlsRelay}.
   *
   * @throws CertificateRefusedException if the server's certificate does not verify
   * @throws ComponentRefusedException if the server refuses the component (wrong secret, unknown domain)
   */
  @Override
  public ComponentLink connect() throws ComponentException, ComponentRefusedException, IOException {
    try {
      if (!settings.tls().enabled()) {
        return WhackComponentLink.open(manager(), component, settings.serverHost(), settings.serverPort(),
            settings.domain());
      }
      SSLSocket socket = settings.tls().connect(settings.serverHost(), settings.serverPort(), CONNECT_TIMEOUT);
      LoopbackTlsRelay relay = LoopbackTlsRelay.start(socket, settings.serverHost() + ":" + settings.serverPort());
      return WhackComponentLink.open(manager(), component, InetAddress.getLoopbackAddress().getHostAddress(),
          relay.port(), settings.domain(), relay);
    } catch (ComponentException e) {
      Optional<ComponentRefusedException> refused =
          ComponentRefusedException.from(e, settings.domain(), settings.serverHost() + ":" + settings.serverPort());
      if (refused.isPresent()) {
        throw refused.get();
      }
      throw e;
    }
  }

  private synchronized ExternalComponentManager manager() {
    if (manager == null) {
      ComponentManager previous = currentGlobalManager();
      manager = new ExternalComponentManager(settings.serverHost(), settings.serverPort(), false);
      ComponentManagerFactory.setComponentManager(previous);
      manager.setSecretKey(settings.domain(), settings.secret());
      manager.setConnectTimeout((int) CONNECT_TIMEOUT.toMillis());
    }
    return manager;
  }

  private static ComponentManager currentGlobalManager() {
    try {
      return ComponentManagerFactory.getComponentManager();
    } catch (RuntimeException e) { // Tinder throws NullPointerException when none is set
      return null;
    }
  }
}
