package net.icqtransport.oscar.client;

import io.netty.channel.EventLoop;
import io.netty.util.concurrent.ScheduledFuture;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import net.icqtransport.core.legacy.LoginFailedException;
import net.icqtransport.core.legacy.LoginFailure;
import net.icqtransport.core.tls.CertificateRefusedException;
import net.icqtransport.oscar.OscarProtocolException;
import net.icqtransport.oscar.flap.FlapFrame;
import net.icqtransport.oscar.snac.Snac;
import net.icqtransport.oscar.snac.SnacError;
import net.icqtransport.oscar.snac.SnacType;
import net.icqtransport.oscar.snac.auth.AuthKeyReply;
import net.icqtransport.oscar.snac.auth.AuthKeyRequest;
import net.icqtransport.oscar.snac.auth.LegacyLoginRequest;
import net.icqtransport.oscar.snac.auth.LoginReply;
import net.icqtransport.oscar.snac.auth.Md5LoginRequest;
import net.icqtransport.oscar.snac.auth.PasswordHashes;
import net.icqtransport.oscar.snac.auth.SignOn;
import net.icqtransport.oscar.snac.buddy.UserInfo;
import net.icqtransport.oscar.snac.icbm.IcbmParameters;
import net.icqtransport.oscar.snac.location.Capability;
import net.icqtransport.oscar.snac.location.LocationSetInfo;
import net.icqtransport.oscar.snac.service.ClientReady;
import net.icqtransport.oscar.snac.service.FamilyVersions;
import net.icqtransport.oscar.snac.service.RateParameters;
import net.icqtransport.oscar.snac.service.ServerFamilies;
import net.icqtransport.oscar.snac.service.SetStatus;
import net.icqtransport.oscar.snac.ssi.SsiItem;
import net.icqtransport.oscar.snac.ssi.SsiList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The login state machine (iserverd "login", stages I–IV): authorizer (MD5 or channel 1) → redirect → BOS
 * sign-on with the cookie → families, versions, rate classes, rights, contact list → status and client ready.
 * Runs on one event loop; the whole login is bounded by the login timeout. Passwords, hashes and cookies are
 * never logged.
 */
public final class OscarLogin implements FlapConnection.Listener {
  private static final Logger LOG = LoggerFactory.getLogger(OscarLogin.class);

  /** What the login reports; both methods are called on the login's event loop, exactly one of them once. */
  public interface Outcome {
    /**
     * The client is ready. Returns the listener that takes over the BOS connection; it is installed before
     * any further frame is read.
     */
    FlapConnection.Listener loggedIn(OscarLoginResult result);

    /**
     * The authorizer accepted the login (SNAC 17/03 with a cookie and a BOS address): where the server's limit of
     * logins per address counts it. The BOS phase follows; {@link #loggedIn} or {@link #failed} comes later.
     */
    default void authorized() {}

    void failed(LoginFailedException failure);
  }

  private enum State {
    AUTH_HELLO, AUTH_KEY, AUTH_REPLY, BOS_HELLO, BOS_FAMILIES, BOS_VERSIONS, BOS_RATES, BOS_CONTACTS, DONE
  }

  /** The families (and versions) this client speaks, asked for with SNAC(01,17) when the server offers them. */
  private static final Map<Integer, Integer> FAMILY_VERSIONS = new LinkedHashMap<>();

  static {
    FAMILY_VERSIONS.put(0x01, 4);
    FAMILY_VERSIONS.put(0x13, 4);
    FAMILY_VERSIONS.put(0x02, 1);
    FAMILY_VERSIONS.put(0x03, 1);
    FAMILY_VERSIONS.put(0x15, 1);
    FAMILY_VERSIONS.put(0x04, 1);
    FAMILY_VERSIONS.put(0x09, 1);
  }

  /** Tool id / version ICQ 2002 put into SNAC(01,02) (iserverd example dump). */
  private static final int TOOL_ID = 0x0110;
  private static final int TOOL_VERSION = 0x047B;

  private final EventLoop loop;
  private final OscarClientConfig config;
  private final String screenName;
  private final String password;
  private final Outcome outcome;

  private State state = State.AUTH_HELLO;
  private FlapConnection auth;
  private FlapConnection bos;
  private byte[] cookie;
  private ScheduledFuture<?> timeout;
  private ServerFamilies families;
  private RateParameters rates;
  /** Spaces the login request among those of the other sessions, where the authorizer counts them. */
  private final LoginRequestSpacing spacing;
  private IcbmParameters icbmParameters;
  /** The screen name as the server formats it: the login reply's TLV 0x01, then the own info's (01/0F). */
  private String formattedScreenName;
  private final List<SsiItem> contactList = new ArrayList<>();

  private OscarLogin(EventLoop loop, OscarClientConfig config, String screenName, String password,
      LoginRequestSpacing spacing, Outcome outcome) {
    this.loop = loop;
    this.spacing = spacing;
    this.config = config;
    this.screenName = screenName;
    this.password = password;
    this.outcome = outcome;
  }

  /**
   * Starts a login on {@code loop} whose login request (17/02, or the channel-1 login) waits for its turn in
   * {@code spacing}; {@code outcome} hears about it there.
   */
  public static void start(EventLoop loop, OscarClientConfig config, String screenName, String password,
      LoginRequestSpacing spacing, Outcome outcome) {
    Objects.requireNonNull(screenName, "screenName");
    Objects.requireNonNull(password, "password");
    OscarLogin login = new OscarLogin(loop, Objects.requireNonNull(config), screenName, password,
        Objects.requireNonNull(spacing, "spacing"), Objects.requireNonNull(outcome));
    loop.execute(login::begin);
  }

  private void begin() {
    timeout = loop.schedule(
        () -> fail(LoginFailure.TIMEOUT, "no answer within " + config.loginTimeout().toSeconds() + " s in state " + state),
        config.loginTimeout().toMillis(), TimeUnit.MILLISECONDS);
    LOG.debug("{}: connecting to authorizer {}:{} ({})", screenName, config.loginHost(), config.loginPort(),
        config.loginMethod());
    auth = FlapConnection.connect(loop, config.loginHost(), config.loginPort(), config, this);
  }

  @Override
  public void frameReceived(FlapConnection connection, FlapFrame frame) {
    if (state == State.DONE) {
      return;
    }
    try {
      if (connection == auth) {
        authFrame(frame);
      } else if (connection == bos) {
        bosFrame(frame);
      }
    } catch (OscarProtocolException e) {
      LOG.warn("{}: protocol error during login in state {}: {}", screenName, state, e.getMessage());
      fail(LoginFailure.PROTOCOL_ERROR, e.getMessage());
    }
  }

  @Override
  public void connectionEnded(FlapConnection connection, FlapConnection.End end, Throwable cause) {
    if (state == State.DONE || (connection != auth && connection != bos)) {
      return;
    }
    String what = connection == auth ? "authorizer " : "BOS server ";
    switch (end) {
      case TLS_FAILED -> fail(cause instanceof CertificateRefusedException
              ? LoginFailure.CERTIFICATE_REFUSED : LoginFailure.NETWORK_ERROR,
          cause instanceof CertificateRefusedException ? cause.getMessage()
              : "TLS with " + what + connection.peer() + " failed" + (cause == null ? "" : ": " + cause.getMessage()));
      case CONNECT_FAILED -> fail(LoginFailure.NETWORK_ERROR,
          "cannot connect to " + what + connection.peer() + ": " + ConnectFailures.describe(cause));
      case PROTOCOL_ERROR -> fail(LoginFailure.PROTOCOL_ERROR,
          what + connection.peer() + ": " + (cause == null ? "protocol error" : cause.getMessage()));
      case CLOSED -> fail(LoginFailure.NETWORK_ERROR, what + connection.peer() + " closed the connection during login");
      case STALLED, OVERLOADED -> fail(LoginFailure.NETWORK_ERROR,
          what + connection.peer() + ": " + (cause == null ? end : cause.getMessage()));
    }
  }

  // ---- stage I: authorizer

  private void authFrame(FlapFrame frame) {
    switch (frame.channel()) {
      case SIGNON -> {
        if (state != State.AUTH_HELLO) {
          throw new OscarProtocolException("unexpected channel-1 frame from the authorizer in state " + state);
        }
        if (config.loginMethod() == LoginMethod.MD5) {
          auth.send(SignOn.hello());
          auth.send(id -> new AuthKeyRequest(screenName).toSnac(id));
          state = State.AUTH_KEY;
        } else {
          state = State.AUTH_REPLY;
          FlapConnection authorizer = auth;
          spacing.whenDue(loop, () -> {
            if (state == State.AUTH_REPLY) {
              authorizer.send(new LegacyLoginRequest(screenName, PasswordHashes.roast(password), config.identity())
                  .toFrame());
            }
          });
        }
      }
      case DATA -> authSnac(Snac.fromFrame(frame));
      case SIGNOFF -> {
        // The channel-1 login's answer, or an authorizer that gives up on us in either method.
        LoginReply reply = LoginReply.fromSignoffPayload(frame.payload());
        if (reply.isSuccess() || reply.errorCode().isPresent()) {
          authReply(reply);
        } else {
          fail(LoginFailure.NETWORK_ERROR, "the authorizer closed the connection without an answer");
        }
      }
      default -> LOG.debug("{}: ignoring {} from the authorizer", screenName, frame);
    }
  }

  private void authSnac(Snac snac) {
    if (snac.is(SnacType.AUTH_KEY_REPLY) && state == State.AUTH_KEY) {
      byte[] key = AuthKeyReply.decode(snac).key();
      byte[] hash = PasswordHashes.md5(key, password);
      LOG.debug("{}: got a {}-byte login key, sending the MD5 login in its turn", screenName, key.length);
      state = State.AUTH_REPLY;
      FlapConnection authorizer = auth;
      spacing.whenDue(loop, () -> {
        if (state == State.AUTH_REPLY) { // not failed (timeout, closed) while it waited
          authorizer.send(id -> new Md5LoginRequest(screenName, hash, false, config.identity()).toSnac(id));
        }
      });
    } else if (snac.is(SnacType.AUTH_LOGIN_REPLY)) {
      authReply(LoginReply.fromSnac(snac));
    } else if (SnacType.isError(snac)) {
      SnacError error = SnacError.decode(snac);
      fail(LoginFailure.PROTOCOL_ERROR, String.format("authorizer error 0x%04X", error.code()));
    } else {
      LOG.debug("{}: ignoring {} from the authorizer", screenName, snac);
    }
  }

  private void authReply(LoginReply reply) {
    if (reply.errorCode().isPresent()) {
      int code = reply.errorCode().getAsInt();
      fail(OscarErrorCodes.loginFailure(code), OscarErrorCodes.loginErrorText(code));
      return;
    }
    if (!reply.isSuccess()) {
      throw new OscarProtocolException("login reply with neither error nor cookie and BOS address");
    }
    cookie = reply.cookie().orElseThrow();
    reply.screenName().filter(name -> !name.isBlank()).ifPresent(name -> formattedScreenName = name);
    String host = reply.bosHost();
    int port = reply.bosPort();
    LOG.debug("{}: authorized, cookie of {} bytes, redirected to {}:{}", screenName, cookie.length, host, port);
    auth.close();
    state = State.BOS_HELLO;
    outcome.authorized();
    bos = FlapConnection.connect(loop, host, port, config, this);
  }

  // ---- stages II–IV: BOS

  private void bosFrame(FlapFrame frame) {
    switch (frame.channel()) {
      case SIGNON -> {
        if (state != State.BOS_HELLO) {
          throw new OscarProtocolException("unexpected channel-1 frame from the BOS server in state " + state);
        }
        bos.send(SignOn.cookie(cookie));
        state = State.BOS_FAMILIES;
      }
      case DATA -> bosSnac(Snac.fromFrame(frame));
      case SIGNOFF -> {
        LoginReply reply = LoginReply.fromSignoffPayload(frame.payload());
        if (reply.errorCode().isPresent()) {
          int code = reply.errorCode().getAsInt();
          fail(OscarErrorCodes.loginFailure(code), OscarErrorCodes.loginErrorText(code));
        } else {
          fail(LoginFailure.NETWORK_ERROR, "the BOS server closed the connection during login");
        }
      }
      default -> LOG.debug("{}: ignoring {} during BOS sign-on", screenName, frame);
    }
  }

  private void bosSnac(Snac snac) {
    if (snac.is(SnacType.SERVICE_SERVER_FAMILIES) && state == State.BOS_FAMILIES) {
      families = ServerFamilies.decode(snac);
      Map<Integer, Integer> wanted = new LinkedHashMap<>();
      FAMILY_VERSIONS.forEach((family, version) -> {
        if (families.supports(family)) {
          wanted.put(family, version);
        }
      });
      bos.send(id -> new FamilyVersions(wanted).toRequestSnac(id));
      state = State.BOS_VERSIONS;
    } else if (snac.is(SnacType.SERVICE_FAMILY_VERSIONS) && state == State.BOS_VERSIONS) {
      bos.send(id -> Snac.build(SnacType.SERVICE_RATE_PARAMS_REQUEST, id, out -> {}));
      state = State.BOS_RATES;
    } else if (snac.is(SnacType.SERVICE_RATE_PARAMS) && state == State.BOS_RATES) {
      rates = RateParameters.decode(snac);
      bos.send(rates::toAckSnac);
      requestRightsAndContacts();
    } else if (snac.is(SnacType.SSI_LIST) && state == State.BOS_CONTACTS) {
      SsiList part = SsiList.decode(snac);
      contactList.addAll(part.items());
      if (!part.moreFollow()) {
        finish();
      }
    } else if (snac.is(SnacType.SSI_UP_TO_DATE) && state == State.BOS_CONTACTS) {
      // We claimed an empty list as of time 0; "up to date" means there is nothing stored.
      finish();
    } else if (snac.is(SnacType.SSI_ERROR) && state == State.BOS_CONTACTS) {
      LOG.warn("{}: the server refused the contact list (error 0x{}); continuing without it", screenName,
          Integer.toHexString(SnacError.decode(snac).code()));
      finish();
    } else if (snac.is(SnacType.ICBM_PARAMS)) {
      icbmParameters = IcbmParameters.decode(snac);
    } else if (snac.is(SnacType.SERVICE_SELF_INFO)) {
      // The own info names the account as the server formats it ("Joe User"); a block that does not parse
      // only loses that spelling.
      try {
        String name = UserInfo.read(snac.dataBuffer()).screenName();
        if (!name.isBlank()) {
          formattedScreenName = name;
        }
      } catch (OscarProtocolException e) {
        LOG.debug("{}: unreadable own info: {}", screenName, e.getMessage());
      }
    } else if (snac.is(SnacType.SERVICE_ERROR)) {
      fail(LoginFailure.PROTOCOL_ERROR,
          String.format("BOS server error 0x%04X in state %s", SnacError.decode(snac).code(), state));
    } else {
      // Rights replies (02/03, 03/03, 09/03, 13/03), own info (01/0F), MOTD (01/13) and the like.
      LOG.debug("{}: not acting on {} during sign-on", screenName, snac);
    }
  }

  private void requestRightsAndContacts() {
    bos.send(id -> Snac.build(SnacType.SERVICE_SELF_INFO_REQUEST, id, out -> {}));
    sendIfSupported(SnacType.LOCATION_RIGHTS_REQUEST);
    sendIfSupported(SnacType.BUDDY_RIGHTS_REQUEST);
    sendIfSupported(SnacType.ICBM_PARAMS_REQUEST);
    sendIfSupported(SnacType.PRIVACY_RIGHTS_REQUEST);
    sendIfSupported(SnacType.SSI_RIGHTS_REQUEST);
    if (families.supports(0x13)) {
      bos.send(id -> SsiList.checkSnac(id, 0, 0));
      state = State.BOS_CONTACTS;
    } else {
      finish();
    }
  }

  private void sendIfSupported(SnacType type) {
    if (families.supports(type.family())) {
      bos.send(id -> Snac.build(type, id, out -> {}));
    }
  }

  private void finish() {
    if (families.supports(0x13)) {
      bos.send(id -> Snac.build(SnacType.SSI_ACTIVATE, id, out -> {}));
    }
    if (families.supports(0x02)) {
      bos.send(id -> new LocationSetInfo(List.of(Capability.ICQ, Capability.INTEROPERATE, Capability.UTF8,
          Capability.SEND_FILE)).toSnac(id));
    }
    if (families.supports(0x04)) {
      // A screen name fetches its offline messages with 04/10 (IcqSession), so it tells the server not to push them.
      long offline = isUin(screenName) ? 0 : IcbmParameters.FLAG_OFFLINE_MESSAGES;
      bos.send(IcbmParameters.icqDefaults(0).withFlag(offline)::toSetSnac);
      bos.send(IcbmParameters.icqDefaults(1).withFlag(offline)::toSetSnac);
    }
    bos.send(id -> new SetStatus(0, 0).toSnac(id));
    List<ClientReady.FamilyTool> tools = new ArrayList<>();
    FAMILY_VERSIONS.forEach((family, version) -> {
      if (families.supports(family)) {
        tools.add(new ClientReady.FamilyTool(family, version, TOOL_ID, TOOL_VERSION));
      }
    });
    bos.send(id -> new ClientReady(tools).toSnac(id));
    state = State.DONE;
    timeout.cancel(false);
    LOG.debug("{}: signed on to {}, {} contact list items", screenName, bos.peer(), contactList.size());
    OscarLoginResult result = new OscarLoginResult(bos, screenName, families, rates,
        Optional.ofNullable(icbmParameters), contactList, Optional.ofNullable(formattedScreenName));
    FlapConnection.Listener next;
    try {
      next = outcome.loggedIn(result);
    } catch (RuntimeException e) {
      LOG.error("{}: session setup failed after sign-on", screenName, e);
      bos.signOff();
      return;
    }
    bos.setListener(next);
  }

  /** An ICQ number (all digits) rather than an AIM screen name. */
  private static boolean isUin(String name) {
    return !name.isEmpty() && name.chars().allMatch(c -> c >= '0' && c <= '9');
  }

  private void fail(LoginFailure failure, String detail) {
    if (state == State.DONE) {
      return;
    }
    state = State.DONE;
    if (timeout != null) {
      timeout.cancel(false);
    }
    if (auth != null) {
      auth.close();
    }
    if (bos != null) {
      bos.close();
    }
    LOG.debug("{}: login failed: {} ({})", screenName, failure, detail);
    outcome.failed(new LoginFailedException(failure, detail));
  }

  /** For logs: never the password. */
  @Override
  public String toString() {
    return "OscarLogin[" + screenName + ", " + state + "]";
  }

}
