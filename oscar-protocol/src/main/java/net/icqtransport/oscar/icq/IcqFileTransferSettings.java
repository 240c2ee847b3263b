package net.icqtransport.oscar.icq;

import java.time.Duration;
import java.util.Objects;

/**
 * How ICQ sessions make OFT file-transfer connections (libpurple peer.c's choices: a direct listener first, the
 * rendezvous proxy when asked).
 *
 * @param listenHost where listeners for outgoing files bind
 * @param advertisedAddress the IPv4 address put into proposals (TLV 0x02) for direct connections; {@code null}:
 *     the local address of the session's BOS connection
 * @param portMin first port of the listener range (0 with {@code portMax} 0: any free port)
 * @param portMax last port of the listener range
 * @param proxyHost the rendezvous proxy ("ars.oscar.aol.com" on AOL's network); {@code null}: none
 * @param proxyPort the proxy's port (5190 on AOL's network); also where a proposal's proxy address is reached
 * @param sendViaProxy whether outgoing files go through the proxy instead of a direct listener
 * @param connectTimeout connecting to a peer or the proxy
 * @param answerTimeout how long a contact has to accept an outgoing file
 * @param idleTimeout how long a transfer may stall
 */
public record IcqFileTransferSettings(String listenHost, String advertisedAddress, int portMin, int portMax,
    String proxyHost, int proxyPort, boolean sendViaProxy, Duration connectTimeout, Duration answerTimeout,
    Duration idleTimeout) {

  public IcqFileTransferSettings {
    Objects.requireNonNull(listenHost, "listenHost");
    if (portMin < 0 || portMax > 0xFFFF || portMin > portMax) {
      throw new IllegalArgumentException("bad port range " + portMin + "-" + portMax);
    }
    if (proxyPort < 0 || proxyPort > 0xFFFF) {
      throw new IllegalArgumentException("bad proxy port " + proxyPort);
    }
    if (sendViaProxy && proxyHost == null) {
      throw new IllegalArgumentException("sending via the proxy needs a proxy host");
    }
    Objects.requireNonNull(connectTimeout, "connectTimeout");
    Objects.requireNonNull(answerTimeout, "answerTimeout");
    Objects.requireNonNull(idleTimeout, "idleTimeout");
  }

  /** Direct listeners on any free port of all interfaces, no proxy; 10 s to connect, 2 min to answer. */
  public static IcqFileTransferSettings defaults() {
    return new IcqFileTransferSettings("0.0.0.0", null, 0, 0, null, IcqNetworkSettings.DEFAULT_PORT, false,
        Duration.ofSeconds(10), Duration.ofMinutes(2), Duration.ofSeconds(30));
  }

  public IcqFileTransferSettings withListener(String host, String advertised, int min, int max) {
    return new IcqFileTransferSettings(host, advertised, min, max, proxyHost, proxyPort, sendViaProxy,
        connectTimeout, answerTimeout, idleTimeout);
  }

  public IcqFileTransferSettings withProxy(String host, int port, boolean sendThroughIt) {
    return new IcqFileTransferSettings(listenHost, advertisedAddress, portMin, portMax, host, port, sendThroughIt,
        connectTimeout, answerTimeout, idleTimeout);
  }

  public IcqFileTransferSettings withTimeouts(Duration connect, Duration answer, Duration idle) {
    return new IcqFileTransferSettings(listenHost, advertisedAddress, portMin, portMax, proxyHost, proxyPort,
        sendViaProxy, connect, answer, idle);
  }
}
