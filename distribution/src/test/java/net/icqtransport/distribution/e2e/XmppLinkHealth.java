package net.icqtransport.distribution.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import net.icqtransport.distribution.TransportApplication;

/**
 * Whether a running transport's component is connected to the XMPP server, as its operator sees it: its
 * {@code GET /health} answers 200 while connected and 503 otherwise (the test world enables the listener on a
 * free port).
 */
final class XmppLinkHealth {
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  private XmppLinkHealth() {}

  static boolean connected(TransportApplication transport) {
    int port = transport.httpPort().orElseThrow(() -> new IllegalStateException("no /health listener"));
    try {
      HttpResponse<String> health = HTTP.send(
          HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health")).build(),
          HttpResponse.BodyHandlers.ofString());
      return health.statusCode() == 200;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }
}
