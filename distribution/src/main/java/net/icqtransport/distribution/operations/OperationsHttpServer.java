package net.icqtransport.distribution.operations;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.BooleanSupplier;
import java.util.function.IntSupplier;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The operator's HTTP endpoint (the JDK's {@code com.sun.net.httpserver}, one thread): {@code GET /metrics}
 * answers the Prometheus text exposition format 0.0.4, {@code GET /health} answers
 * {@code {"status":"UP","xmpp":"connected","database":"up","sessions":N}} with 200 while the component is
 * connected to the XMPP server and the database answers; {@code "DEGRADED"} with {@code "database":"down"},
 * still 200, while the database does not answer (users online keep chatting, and restarting the transport
 * would end their sessions and not bring the database back); {@code "DOWN"}/{@code "disconnected"} with 503
 * while the component is not connected (for load balancers, Kubernetes probes, systemd watchdogs). Anything
 * else is 404; methods other than GET and HEAD are 405.
 */
public final class OperationsHttpServer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(OperationsHttpServer.class);
  /** Prometheus text format (https://prometheus.io/docs/instrumenting/exposition_formats/). */
  static final String PROMETHEUS_CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

  private final HttpServer server;
  private final ExecutorService thread;

  private OperationsHttpServer(HttpServer server, ExecutorService thread) {
    this.server = server;
    this.thread = thread;
  }

  /**
   * Listens on {@code host:port} (port 0: a free one) and serves until {@link #close()}.
   *
   * @param scrape the Prometheus text of the meters
   * @param connected whether the component is connected to the XMPP server
   * @param databaseUp whether the database answers (returns promptly, e.g. {@link DatabaseCheck})
   * @param sessions how many users are logged in to ICQ now
   */
  public static OperationsHttpServer start(
      String host, int port, Supplier<String> scrape, BooleanSupplier connected, BooleanSupplier databaseUp,
      IntSupplier sessions) {
    HttpServer server;
    try {
      server = HttpServer.create(new InetSocketAddress(host, port), 16);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot listen for HTTP on " + host + ":" + port, e);
    }
    server.createContext("/metrics", exchange -> {
      if (allowed(exchange) && exact(exchange, "/metrics")) {
        respond(exchange, 200, PROMETHEUS_CONTENT_TYPE, scrape.get());
      }
    });
    server.createContext("/health", exchange -> {
      if (allowed(exchange) && exact(exchange, "/health")) {
        boolean up = connected.getAsBoolean();
        boolean database = databaseUp.getAsBoolean();
        String status = !up ? "DOWN" : database ? "UP" : "DEGRADED";
        String body = "{\"status\":\"" + status + "\",\"xmpp\":\"" + (up ? "connected" : "disconnected")
            + "\",\"database\":\"" + (database ? "up" : "down") + "\",\"sessions\":" + sessions.getAsInt() + "}";
        respond(exchange, up ? 200 : 503, "application/json", body);
      }
    });
    server.createContext("/", exchange -> respond(exchange, 404, "text/plain; charset=utf-8",
        "Not found: try /metrics or /health\n"));
    ExecutorService thread = Executors.newSingleThreadExecutor(runnable -> {
      Thread t = new Thread(runnable, "http");
      t.setDaemon(true);
      return t;
    });
    server.setExecutor(thread);
    server.start();
    LOG.info("Serving /metrics and /health on http://{}:{}/", host, server.getAddress().getPort());
    return new OperationsHttpServer(server, thread);
  }

  /** The port listened on (the chosen one when started with 0). */
  public int port() {
    return server.getAddress().getPort();
  }

  @Override
  public void close() {
    server.stop(0);
    thread.shutdownNow();
  }

  private static boolean allowed(HttpExchange exchange) throws IOException {
    String method = exchange.getRequestMethod();
    if (method.equals("GET") || method.equals("HEAD")) {
      return true;
    }
    exchange.getResponseHeaders().set("Allow", "GET, HEAD");
    respond(exchange, 405, "text/plain; charset=utf-8", "Method not allowed\n");
    return false;
  }

  private static boolean exact(HttpExchange exchange, String path) throws IOException {
    if (exchange.getRequestURI().getPath().equals(path)) {
      return true;
    }
    respond(exchange, 404, "text/plain; charset=utf-8", "Not found: try /metrics or /health\n");
    return false;
  }

  private static void respond(HttpExchange exchange, int status, String contentType, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", contentType);
    boolean head = exchange.getRequestMethod().equals("HEAD");
    exchange.sendResponseHeaders(status, head ? -1 : bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      if (!head) {
        out.write(bytes);
      }
    }
  }
}
