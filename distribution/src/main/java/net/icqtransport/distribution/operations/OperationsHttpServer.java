package net.icqtransport.distribution.operations;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;
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
 * while the component is not connected (for load balancers, Kubernetes probes, systemd watchdogs), with
 * {@code "reason"} saying why when the last connect attempt failed (e.g. the server refused the component
 * secret). Anything else is 404; methods other than GET and HEAD are 405.
 */
public final class OperationsHttpServer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(OperationsHttpServer.class);
  /** Prometheus text format (https://prometheus.io/docs/instrumenting/exposition_formats/). */
  static final String PROMETHEUS_CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

  private final String host;
  private final HttpServer server;
  private final ExecutorService thread;

  private OperationsHttpServer(String host, HttpServer server, ExecutorService thread) {
    this.host = host;
    this.server = server;
    this.thread = thread;
  }

  /** The listener could not be opened: the port is taken, or the host is not an address of this machine. */
  public static final class ListenException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    ListenException(String host, int port, IOException cause) {
      super("cannot listen on " + host + ":" + port + ": " + reason(cause), cause);
    }

    private static String reason(IOException cause) {
      if (cause instanceof BindException && cause.getMessage() != null
          && cause.getMessage().toLowerCase(Locale.ROOT).contains("in use")) {
        return "the port is already in use (by another program, or another transport)";
      }
      return cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
    }
  }

  /**
   * Listens on {@code host:port} (port 0: a free one) and serves until {@link #close()}: {@link #bind} and
   * {@link #serve}.
   *
   * @throws ListenException if the listener cannot be opened
   */
  public static OperationsHttpServer start(
      String host, int port, Supplier<String> scrape, BooleanSupplier connected,
      Supplier<Optional<String>> xmppProblem, BooleanSupplier databaseUp, IntSupplier sessions) {
    OperationsHttpServer server = bind(host, port);
    server.serve(scrape, connected, xmppProblem, databaseUp, sessions);
    return server;
  }

  /**
   * Opens the listener on {@code host:port} (port 0: a free one) without answering yet (requests wait until
   * {@link #serve}), so that a port in use is found before anything else starts.
   *
   * @throws ListenException if the listener cannot be opened
   */
  public static OperationsHttpServer bind(String host, int port) {
    HttpServer server;
    try {
      server = HttpServer.create(new InetSocketAddress(host, port), 16);
    } catch (IOException e) {
      throw new ListenException(host, port, e);
    }
    ExecutorService thread = Executors.newSingleThreadExecutor(runnable -> {
      Thread t = new Thread(runnable, "http");
      t.setDaemon(true);
      return t;
    });
    server.setExecutor(thread);
    return new OperationsHttpServer(host, server, thread);
  }

  /**
   * Answers from now on.
   *
   * @param scrape the Prometheus text of the meters
   * @param connected whether the component is connected to the XMPP server
   * @param xmppProblem why the component is not connected, if known (for {@code "reason"})
   * @param databaseUp whether the database answers (returns promptly, e.g. {@link DatabaseCheck})
   * @param sessions how many users are logged in to ICQ now
   */
  public void serve(Supplier<String> scrape, BooleanSupplier connected, Supplier<Optional<String>> xmppProblem,
      BooleanSupplier databaseUp, IntSupplier sessions) {
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
        String reason = up ? "" : xmppProblem.get().map(text -> ",\"reason\":" + jsonString(text)).orElse("");
        String body = "{\"status\":\"" + status + "\",\"xmpp\":\"" + (up ? "connected" : "disconnected")
            + "\"" + reason + ",\"database\":\"" + (database ? "up" : "down") + "\",\"sessions\":"
            + sessions.getAsInt() + "}";
        respond(exchange, up ? 200 : 503, "application/json", body);
      }
    });
    server.createContext("/", exchange -> respond(exchange, 404, "text/plain; charset=utf-8",
        "Not found: try /metrics or /health\n"));
    server.start();
    LOG.info("Serving /metrics and /health on http://{}:{}/", host, port());
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

  /** {@code text} as a JSON string (RFC 8259 §7). */
  static String jsonString(String text) {
    StringBuilder out = new StringBuilder("\"");
    for (char c : text.toCharArray()) {
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        default -> {
          if (c < 0x20) {
            out.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    return out.append('"').toString();
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
