package net.icqtransport.oscar.client;

import io.netty.channel.EventLoop;
import io.netty.util.concurrent.ScheduledFuture;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.function.LongFunction;
import net.icqtransport.oscar.OscarProtocolException;
import net.icqtransport.oscar.flap.FlapFrame;
import net.icqtransport.oscar.snac.Snac;
import net.icqtransport.oscar.snac.SnacError;
import net.icqtransport.oscar.snac.SnacType;
import net.icqtransport.oscar.snac.auth.SignOn;
import net.icqtransport.oscar.snac.service.ClientReady;
import net.icqtransport.oscar.snac.service.FamilyVersions;
import net.icqtransport.oscar.snac.service.RateParameters;
import net.icqtransport.oscar.snac.service.ServerFamilies;
import net.icqtransport.oscar.snac.service.ServiceRedirect;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A second FLAP connection for a family the BOS server sent elsewhere with SNAC(01,05) (iserverd
 * {@code service_request.txt}): channel 1 with the redirect's cookie, then 01/03 → 01/17 → 01/18 → 01/06 → 01/07
 * → 01/08 and 01/02 "client ready" for the family, bounded by the login timeout. Afterwards it passes SNACs to
 * its handler; its own rate limiter paces what is sent. Confined to its event loop; the cookie is never logged.
 */
public final class ServiceConnection implements FlapConnection.Listener {
  private static final Logger LOG = LoggerFactory.getLogger(ServiceConnection.class);
  private static final int TOOL_ID = 0x0110;
  private static final int TOOL_VERSION = 0x047B;

  /** What a service connection reports, on its event loop; {@link #ended} comes at most once. */
  public interface Handler {
    void ready(ServiceConnection connection);

    void snacReceived(ServiceConnection connection, Snac snac);

    /** The connection failed to sign on or ended later (not after {@link #close()}). */
    void ended(ServiceConnection connection, String why);
  }

  private enum State { HELLO, FAMILIES, VERSIONS, RATES, READY, DONE }

  private final ServiceRedirect redirect;
  private final Map<Integer, Integer> familyVersions;
  private final Handler handler;
  private final String peer;
  private FlapConnection connection;
  private State state = State.HELLO;
  private ScheduledFuture<?> timeout;

  private ServiceConnection(ServiceRedirect redirect, Map<Integer, Integer> familyVersions, Handler handler) {
    this.redirect = redirect;
    this.familyVersions = new LinkedHashMap<>(familyVersions);
    this.handler = handler;
    this.peer = redirect.host() + ":" + redirect.port();
  }

  /**
   * Connects on {@code loop} to where {@code redirect} points and signs on for the families of
   * {@code familyVersions} (family 0x01 is always included).
   */
  public static ServiceConnection open(EventLoop loop, OscarClientConfig config, ServiceRedirect redirect,
      Map<Integer, Integer> familyVersions, Handler handler) {
    Map<Integer, Integer> versions = new LinkedHashMap<>();
    versions.put(0x01, 4);
    versions.putAll(familyVersions);
    ServiceConnection service = new ServiceConnection(Objects.requireNonNull(redirect), versions,
        Objects.requireNonNull(handler));
    loop.execute(() -> {
      if (service.state == State.DONE) {
        return;
      }
      service.timeout = loop.schedule(() -> service.fail("no sign-on within "
          + config.loginTimeout().toSeconds() + " s (" + service.state + ")"),
          config.loginTimeout().toMillis(), TimeUnit.MILLISECONDS);
      service.connection = FlapConnection.connect(loop, redirect.host(), redirect.port(), config, service);
    });
    return service;
  }

  public String peer() {
    return peer;
  }

  public boolean isReady() {
    return state == State.READY;
  }

  /** Sends a SNAC with a fresh request id through the rate limiter; call on the event loop once ready. */
  public long send(LongFunction<Snac> snac) {
    if (state != State.READY) {
      throw new IllegalStateException("service connection to " + peer + " is not ready: " + state);
    }
    return connection.send(snac);
  }

  /** SNACs waiting for this connection's rate limits. */
  public int rateQueueDepth() {
    return connection == null ? 0 : connection.rateQueueDepth();
  }

  /** Signs off; no {@link Handler#ended} follows. Call on the event loop. */
  public void close() {
    if (state == State.DONE) {
      return;
    }
    state = State.DONE;
    cancelTimeout();
    if (connection != null) {
      connection.signOff();
    }
  }

  @Override
  public void frameReceived(FlapConnection c, FlapFrame frame) {
    if (state == State.DONE) {
      return;
    }
    try {
      switch (frame.channel()) {
        case SIGNON -> {
          if (state != State.HELLO) {
            throw new OscarProtocolException("unexpected channel-1 frame in state " + state);
          }
          connection.send(SignOn.cookie(redirect.cookie()));
          state = State.FAMILIES;
        }
        case DATA -> snac(Snac.fromFrame(frame));
        case SIGNOFF -> {
          ServerSignOff signOff = ServerSignOff.parse(frame.payload());
          fail(signOff.detail());
        }
        default -> { }
      }
    } catch (OscarProtocolException e) {
      fail("protocol error: " + e.getMessage());
    }
  }

  private void snac(Snac snac) {
    if (state == State.READY) {
      handler.snacReceived(this, snac);
    } else if (snac.is(SnacType.SERVICE_SERVER_FAMILIES) && state == State.FAMILIES) {
      ServerFamilies families = ServerFamilies.decode(snac);
      Map<Integer, Integer> wanted = new LinkedHashMap<>();
      familyVersions.forEach((family, version) -> {
        if (families.supports(family)) {
          wanted.put(family, version);
        }
      });
      if (wanted.size() < familyVersions.size()) {
        fail("the service server does not offer families " + familyVersions.keySet() + " (only "
            + families.families() + ")");
        return;
      }
      connection.send(id -> new FamilyVersions(wanted).toRequestSnac(id));
      state = State.VERSIONS;
    } else if (snac.is(SnacType.SERVICE_FAMILY_VERSIONS) && state == State.VERSIONS) {
      connection.send(id -> Snac.build(SnacType.SERVICE_RATE_PARAMS_REQUEST, id, out -> { }));
      state = State.RATES;
    } else if (snac.is(SnacType.SERVICE_RATE_PARAMS) && state == State.RATES) {
      RateParameters rates = RateParameters.decode(snac);
      connection.send(rates::toAckSnac);
      List<ClientReady.FamilyTool> tools = new ArrayList<>();
      familyVersions.forEach((family, version) ->
          tools.add(new ClientReady.FamilyTool(family, version, TOOL_ID, TOOL_VERSION)));
      connection.send(id -> new ClientReady(tools).toSnac(id));
      state = State.READY;
      cancelTimeout();
      LOG.debug("service connection to {} ready for {}", peer, familyVersions.keySet());
      handler.ready(this);
    } else if (SnacType.isError(snac) && snac.family() == 0x01) {
      fail(String.format("error 0x%04X during sign-on", SnacError.decode(snac).code()));
    } else {
      LOG.debug("service connection to {}: not acting on {} in state {}", peer, snac, state);
    }
  }

  @Override
  public void connectionEnded(FlapConnection c, FlapConnection.End end, Throwable cause) {
    fail(switch (end) {
      case CONNECT_FAILED -> "cannot connect" + (cause == null ? "" : ": " + cause.getMessage());
      case CLOSED -> "closed by the server";
      default -> end.toString().toLowerCase(java.util.Locale.ROOT).replace('_', ' ')
          + (cause == null ? "" : ": " + cause.getMessage());
    });
  }

  private void fail(String why) {
    if (state == State.DONE) {
      return;
    }
    state = State.DONE;
    cancelTimeout();
    if (connection != null) {
      connection.close();
    }
    LOG.debug("service connection to {} ended: {}", peer, why);
    handler.ended(this, "service connection to " + peer + ": " + why);
  }

  private void cancelTimeout() {
    if (timeout != null) {
      timeout.cancel(false);
    }
  }

  @Override
  public String toString() {
    return "ServiceConnection[" + peer + ", " + state + "]";
  }
}
