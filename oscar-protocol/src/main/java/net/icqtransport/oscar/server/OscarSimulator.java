package net.icqtransport.oscar.server;

import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import java.io.File;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLException;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.flush.FlushConsolidationHandler;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.netty.util.concurrent.GlobalEventExecutor;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import net.icqtransport.oscar.flap.FlapFrame;
import net.icqtransport.oscar.flap.FlapFrameDecoder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A small OSCAR (ICQ) network on three local ports: a login server (MD5/BUCP and legacy channel-1 login, optional
 * login rate limits) that redirects to a BOS server (sign-on, enforced rate classes, rights, server-stored list
 * with edits and authorization, presence with invisibility, away messages, messages on channels 1, 2 and 4 with
 * offline storage, client acks, typing, ICQ user info and search, echo bots), and a BART service for buddy
 * icons reached through 01/04. One event-loop group serves every connection; per-connection state lives in
 * each connection's handler, shared state in one {@link SimulatorState}.
 *
 * <p>It is polite by default, but can be as rude as real servers on demand (OSCAR-SERVERS.md): old clients are
 * kicked with a bare {@code 2A 04 <seq>} ({@link KickStyle}), {@link Builder#loginLockout} locks an account out
 * with every early retry extending it, {@link #advertiseBosHost} sends clients to a host that does not resolve,
 * and {@link Builder#splitFlapStart()} writes each FLAP start byte in a TCP segment of its own.
 *
 * <pre>{@code
 * try (OscarSimulator icq = OscarSimulator.builder()
 *     .account("111111", "secret").account("222222", "other")
 *     .contact("111111", "222222", "Bob", "Friends")
 *     .echoBot("999999")
 *     .start()) {
 *   connect to icq.loginAddress() ...
 * }
 * }</pre>
 */
public final class OscarSimulator implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(OscarSimulator.class);
  private static final String FLAP_DECODER = "flapDecoder";
  private static final String FLAP_ENCODER = "flapEncoder";
  private static final String SERVER_HANDLER = "server";
  private static final String FLUSH_CONSOLIDATION = "flushConsolidation";

  private final SimulatorState state;
  private final EventLoopGroup group;
  private final ChannelGroup channels;
  private final Channel loginChannel;
  private final Channel bosChannel;
  private final Channel bartChannel;
  private volatile boolean closed;
  /** The rendezvous proxy, when the builder asked for one. */
  private RendezvousProxy proxy;

  private OscarSimulator(SimulatorState state, EventLoopGroup group, ChannelGroup channels, Channel loginChannel,
      Channel bosChannel, Channel bartChannel) {
    this.state = state;
    this.group = group;
    this.channels = channels;
    this.loginChannel = loginChannel;
    this.bosChannel = bosChannel;
    this.bartChannel = bartChannel;
  }

  /**
   * The FLAP codec and {@code server} at the end of {@code pipeline}. Between the encoder and {@code server}, flushes
   * during a read wait for its end ({@link FlushConsolidationHandler}): the SNACs one read causes (a server ack 04/0C
   * and the answer) leave in one TCP write. The encoder's own flush of a split start byte ({@link SplitStartFlapFrame},
   * {@link Builder#splitFlapStart()}) passes below it, so that byte still has its TCP write to itself.
   */
  static void addFlapHandlers(ChannelPipeline pipeline, int maxFlapPayload, boolean splitFlapStart,
      ChannelHandler server) {
    pipeline
        .addLast(FLAP_DECODER, new FlapFrameDecoder(maxFlapPayload))
        .addLast(FLAP_ENCODER, new SimulatorFlapEncoder(splitFlapStart))
        .addLast(FLUSH_CONSOLIDATION, new FlushConsolidationHandler(
            FlushConsolidationHandler.DEFAULT_EXPLICIT_FLUSH_AFTER_FLUSHES, false))
        .addLast(SERVER_HANDLER, server);
  }

  public static Builder builder() {
    return new Builder();
  }

  /**
   * The rendezvous proxy for file transfers (OFT through "ars.oscar.aol.com"), started by
   * {@link Builder#proxy()}.
   *
   * @throws IllegalStateException when the simulator runs without one
   */
  public InetSocketAddress proxyAddress() {
    if (proxy == null) {
      throw new IllegalStateException("the simulator was built without .proxy()");
    }
    return proxy.address();
  }

  /** The authorization (login) server. */
  public InetSocketAddress loginAddress() {
    return (InetSocketAddress) loginChannel.localAddress();
  }

  /** The BOS server the login server redirects to. */
  public InetSocketAddress bosAddress() {
    return (InetSocketAddress) bosChannel.localAddress();
  }

  /** The BART (buddy icon) service that 01/05 redirects to for family 0x10. */
  public InetSocketAddress bartAddress() {
    return (InetSocketAddress) bartChannel.localAddress();
  }

  /** The chat service (navigation and rooms, families 0x0D and 0x0E) that 01/05 redirects to. */
  public InetSocketAddress chatAddress() {
    return state.chatRooms().boundAddress();
  }

  /**
   * Who is in the user-created room {@code name} (exchange 4, the name compared without case): their screen names
   * as registered, in the order they joined; empty when nobody is or there is no such room.
   */
  public List<String> chatOccupants(String name) {
    return chatOccupants(4, name);
  }

  /** As {@link #chatOccupants(String)} for a room of any exchange. */
  public List<String> chatOccupants(int exchange, String name) {
    return state.chatRooms().occupants(exchange, Objects.requireNonNull(name, "name"));
  }

  /**
   * Creates a public room (exchange 5) as the operator does: only such rooms can be joined there; an unknown name
   * gets 0D/01 "no match" (OSCAR-SERVERS.md "Chat rooms").
   */
  public void addPublicChatRoom(String name) {
    state.chatRooms().addRoom(5, Objects.requireNonNull(name, "name"));
  }

  /** Registers an account, or sets a new password for an existing one. */
  public void addAccount(String uin, String password) {
    state.addAccount(uin, Objects.requireNonNull(password, "password"));
  }

  /**
   * Adds {@code contactUin} to the owner's server-stored list, in {@code group} ("General" if null) with
   * {@code nickname} as TLV 0x0131 (none if null). Sessions already signed on see it at their next 13/04.
   */
  public void addContact(String ownerUin, String contactUin, String nickname, String group) {
    state.addContact(ownerUin, contactUin, nickname, group);
  }

  /**
   * How many login requests (MD5 17/02 or roasted channel 1) the login server has had for {@code uin} since it
   * started, accepted or refused: lets a test see that a client does not retry in a loop.
   */
  public int loginAttempts(String uin) {
    return state.loginAttempts(uin);
  }

  /**
   * How many login requests of {@code uin} the login lockout ({@link Builder#loginLockout}) or a login rate limit
   * ({@link Builder#loginRateLimit}, {@link Builder#loginRateLimitPerIp}) refused with error 0x001D or 0x0018; a
   * subset of {@link #loginAttempts(String)}. Lets a test see how often a client hammered a locked door.
   */
  public int refusedLogins(String uin) {
    return state.refusedLogins(uin);
  }

  /**
   * When the login lockout of {@code uin} ends, as things stand: each early attempt moves it to that attempt's
   * time plus the lockout ({@link Builder#loginLockout}). Empty if the account is not locked out now.
   */
  public Optional<Instant> lockedOutUntil(String uin) {
    return state.lockedOutUntil(uin);
  }

  /**
   * From now on at most {@code count} logins per client IP within {@code per}, the next refused with error 0x001D,
   * as {@link Builder#loginRateLimitPerIp} set it at the start (which it may not have): a test or benchmark changes
   * the limit while clients log in, as a real server's operator may, unknown to them. The logins admitted within
   * the window so far count under the new limit.
   */
  public void loginRateLimitPerIp(int count, Duration per) {
    if (count < 1 || per.isNegative() || per.isZero()) {
      throw new IllegalArgumentException("loginRateLimitPerIp wants count >= 1 and a positive duration");
    }
    state.ipLoginLimiter().limit(count, per);
  }

  /**
   * From now on, login replies (17/03 TLV 0x05) send clients to BOS at {@code port} on the advertised host
   * instead of this simulator's BOS listener: a test puts a TCP proxy there to disturb the BOS connection.
   */
  public void advertiseBosPort(int port) {
    String advertised = state.bosAddress();
    state.bosAddress(advertised.substring(0, advertised.lastIndexOf(':') + 1) + port);
  }

  /**
   * From now on, login replies (17/03 TLV 0x05) send clients to BOS on {@code host} (with the port advertised so
   * far), for example {@code "bos.invalid"}, a name that never resolves (RFC 2606): a test sees what a client
   * does with a redirect it cannot follow. Service redirects (01/05) keep their host.
   */
  public void advertiseBosHost(String host) {
    Objects.requireNonNull(host, "host");
    if (host.isBlank() || host.indexOf(':') >= 0) {
      throw new IllegalArgumentException("a host name or IPv4 address without port: " + host);
    }
    String advertised = state.bosAddress();
    state.bosAddress(host + advertised.substring(advertised.lastIndexOf(':')));
  }

  /**
   * Delivers a channel-1 message as if {@code sender}'s client had sent it, with {@code text} exactly as given:
   * how a test has an AIM user send an HTML body ({@code <HTML><BODY><FONT ...>text</FONT></BODY></HTML>}),
   * which our own client, escaping what it sends to screen names, never would.
   *
   * @return whether {@code recipient} had a session past client-ready to deliver to
   */
  public boolean deliverMessageAs(String sender, String recipient, String text) {
    return state.deliverAs(Objects.requireNonNull(sender, "sender"), Objects.requireNonNull(recipient, "recipient"),
        Objects.requireNonNull(text, "text"));
  }

  /**
   * The account's session sets {@code html} as its away message, as an AIM client does with 02/04 (TLV 0x03
   * {@code text/aolrtf} with the charset, TLV 0x04 the text as given, HTML included): its user class gets the away
   * bit 0x0020 and watchers a fresh 03/0B; an empty text is "back". How a test has an AIM user go away with an
   * HTML away message, which our own client, escaping what it publishes, never sends.
   *
   * @return whether the account had a session
   */
  public boolean setAwayMessage(String screenName, String html) {
    Objects.requireNonNull(html, "html");
    return state.setAwayMessage(Objects.requireNonNull(screenName, "screenName"), aolMimeType(html),
        html.getBytes(StandardCharsets.UTF_8));
  }

  /**
   * The account's session is idle for {@code idle} (zero: active again), as if its client sent 01/11: its
   * user-info blocks carry TLV 0x04 with the idle minutes, counting on, and watchers get a fresh 03/0B.
   *
   * @return whether the account had a session
   */
  public boolean setIdle(String screenName, Duration idle) {
    if (idle.isNegative()) {
      throw new IllegalArgumentException("negative idle time: " + idle);
    }
    return state.setIdle(Objects.requireNonNull(screenName, "screenName"), idle.toSeconds());
  }

  /** The MIME type AIM clients label their HTML with: US-ASCII when it is, else UTF-8. */
  static byte[] aolMimeType(String html) {
    boolean ascii = html.chars().allMatch(c -> c < 0x80);
    return ("text/aolrtf; charset=\"" + (ascii ? "us-ascii" : "utf-8") + "\"").getBytes(StandardCharsets.US_ASCII);
  }

  /** Whether the account has a session past client-ready (01/02), or is an echo bot. */
  public boolean isOnline(String uin) {
    return state.isOnline(uin);
  }

  /**
   * How many offline messages the server keeps for {@code uin} (or screen name) now: those seeded
   * ({@link Builder#offlineMessage}) and those sent to it while offline with TLV 0x06, until a client deletes
   * them (15/02 0x003E) or, for a screen name, fetches them (04/10). Lets a test wait until a message was stored
   * before the recipient signs on.
   */
  public int storedOfflineMessages(String uin) {
    String key = ScreenNames.normalize(uin);
    return state.offlineMessages(key).size() + state.storedIcbms(key);
  }

  /**
   * Closes the account's session as a server does: channel 4 with TLV 0x09 reason 0x0001, the one reason
   * code the references document. Watchers get 03/0C at once. Does nothing if the account has no session.
   * Same as {@code kick(uin, KickStyle.SIGNED_ON_ELSEWHERE)}.
   */
  public void kick(String uin) {
    kick(uin, KickStyle.SIGNED_ON_ELSEWHERE);
  }

  /**
   * Closes the account's session, ending it the way {@code style} says (the ways real servers end sessions,
   * OSCAR-SERVERS.md "Sign-on and kicks"), then closes TCP. Watchers get 03/0C at once. Does nothing if the
   * account has no session.
   */
  public void kick(String uin, KickStyle style) {
    state.kick(uin, Objects.requireNonNull(style, "style"));
  }

  /** Stops both listeners and closes every connection. */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    loginChannel.close().awaitUninterruptibly();
    bosChannel.close().awaitUninterruptibly();
    bartChannel.close().awaitUninterruptibly();
    if (proxy != null) {
      proxy.close();
    }
    channels.close().awaitUninterruptibly();
    group.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly();
    LOG.info("OSCAR simulator stopped");
  }

  @Override
  public String toString() {
    return "OscarSimulator[login " + loginAddress() + ", BOS " + bosAddress() + "]";
  }

  /** Configures and starts a simulator; defaults: host 127.0.0.1, free ports for both servers. */
  public static final class Builder {
    private String host = "127.0.0.1";
    private String advertisedHost;
    private SslContext tls;
    private int loginPort;
    private int bosPort;
    private int bartPort;
    private boolean rateLimits = true;
    private List<RateClass> rateClasses = RateClasses.GENEROUS;
    private int loginLimitCount;
    private Duration loginLimitWindow = Duration.ZERO;
    private int ipLoginLimitCount;
    private Duration ipLoginLimitWindow = Duration.ZERO;
    private int lockoutCount;
    private Duration lockoutWindow = Duration.ZERO;
    private Duration lockoutDuration = Duration.ZERO;
    private boolean splitFlapStart;
    private final List<String> authRequired = new ArrayList<>();
    private final List<Object[]> details = new ArrayList<>();
    private final List<Object[]> offlineMessages = new ArrayList<>();
    private final List<Object[]> avatars = new ArrayList<>();
    private final List<String[]> profiles = new ArrayList<>();
    private int maxFlapPayload = FlapFrame.MAX_PAYLOAD;
    private Duration cookieLifetime = Duration.ofSeconds(60);
    private Clock clock = Clock.systemUTC();
    private final List<String[]> accounts = new ArrayList<>();
    private final List<String[]> contacts = new ArrayList<>();
    private final List<String> echoBots = new ArrayList<>();
    private int proxyPort = -1;
    private int eventLoops = Math.max(2, Runtime.getRuntime().availableProcessors());

    private Builder() {}

    /** Also runs a rendezvous proxy (OFT file transfers) on a free port of the host; see {@link #proxyAddress()}. */
    public Builder proxy() {
      return proxy(0);
    }

    /** Also runs a rendezvous proxy on {@code port} (0: a free one). */
    public Builder proxy(int port) {
      this.proxyPort = checkPort(port);
      return this;
    }

    public Builder host(String host) {
      this.host = Objects.requireNonNull(host, "host");
      return this;
    }

    /**
     * The host name the login reply (17/03 TLV 0x05) and service redirects (01/05 TLV 0x05) send clients to;
     * by default the bound host (loopback for a wildcard bind). With TLS it must be a name in the certificate.
     */
    public Builder advertisedHost(String name) {
      this.advertisedHost = Objects.requireNonNull(name, "name");
      return this;
    }

    /**
     * Serves the login, BOS and BART listeners over TLS from the first byte (the handshake before the FLAP
     * hello), with this key and certificate chain, as OSCAR servers with SSL ports do.
     */
    public Builder tls(KeyManagerFactory keyManagerFactory) {
      try {
        this.tls = SslContextBuilder.forServer(keyManagerFactory).build();
      } catch (SSLException e) {
        throw new IllegalArgumentException("cannot make a TLS server context: " + e.getMessage(), e);
      }
      return this;
    }

    /** As {@link #tls(KeyManagerFactory)}, from PEM files (an X.509 chain and a PKCS #8 key). */
    public Builder tls(File certificateChainPem, File privateKeyPem) {
      try {
        this.tls = SslContextBuilder.forServer(certificateChainPem, privateKeyPem).build();
      } catch (SSLException | IllegalArgumentException e) {
        throw new IllegalArgumentException("cannot read the TLS certificate or key: " + e.getMessage(), e);
      }
      return this;
    }

    /** 0 picks a free port. */
    public Builder loginPort(int p) {
      this.loginPort = checkPort(p);
      return this;
    }

    /** 0 picks a free port. */
    public Builder bosPort(int p) {
      this.bosPort = checkPort(p);
      return this;
    }

    /** 0 picks a free port. */
    public Builder bartPort(int p) {
      this.bartPort = checkPort(p);
      return this;
    }

    /**
     * The account requires authorization: others adding it get 13/0E code 0x0E unless the item carries TLV
     * 0x0066, and see its presence only once it granted authorization (13/1A) or future authorization (13/14).
     */
    public Builder requireAuthorization(String uin) {
      authRequired.add(uin);
      return this;
    }

    /**
     * The account's white-pages entry for family 0x15 info and searches. {@code gender}: 0 unknown, 1 female,
     * 2 male; {@code authRequired} true also does {@link #requireAuthorization(String)}.
     */
    public Builder details(String uin, String nickname, String firstName, String lastName, String email, String city,
        int countryCode, int age, int gender, String about, String homepage, boolean authRequired) {
      details.add(new Object[] {uin, UserDetails.basic(nickname, firstName, lastName, email, city, countryCode, age,
          gender, about, homepage, authRequired)});
      return this;
    }

    /** A plain-text offline message waiting for {@code toUin}, as if sent at {@code sentAt} (stored as UTF-8). */
    public Builder offlineMessage(String fromUin, String toUin, String text, Instant sentAt) {
      offlineMessages.add(new Object[] {toUin, new OfflineMessage(Long.parseLong(fromUin), sentAt, 0x01, 0,
          text.getBytes(StandardCharsets.UTF_8))});
      return this;
    }

    /**
     * The account's AIM profile (HTML, e.g. {@code <HTML><BODY>I like <B>jazz</B></BODY></HTML>}), as if its
     * client set it with 02/04 TLVs 0x01/0x02 at every sign-on: 02/15 with flag 0x1 (or 02/05 type 1) returns it
     * while the account is online. A profile the session sets itself takes its place.
     */
    public Builder profile(String screenName, String html) {
      profiles.add(new String[] {screenName, Objects.requireNonNull(html, "html")});
      return this;
    }

    /** The account's buddy icon, as if uploaded with 10/02: its MD5 appears as TLV 0x1D of its presence. */
    public Builder avatar(String uin, byte[] icon) {
      avatars.add(new Object[] {uin, icon.clone()});
      return this;
    }

    /**
     * Whether the announced rate classes are enforced (default true): 01/0A warnings, dropped SNACs below the
     * limit level, disconnect below the disconnect level. The default classes are generous. With false, classes
     * without limits are announced too, so that clients pacing themselves by them never wait.
     */
    public Builder rateLimits(boolean enforced) {
      this.rateLimits = enforced;
      return this;
    }

    /** Announces and enforces the reference's own rate classes (snac_01_07), strict as ICQ was. */
    public Builder strictRateLimits() {
      this.rateClasses = RateClasses.REFERENCE;
      this.rateLimits = true;
      return this;
    }

    /**
     * At most {@code count} logins per UIN within {@code per}; the next one gets login error 0x0018 ("rate limit
     * exceeded (reservation)", reference auth_failed). Off by default.
     */
    public Builder loginRateLimit(int count, Duration per) {
      if (count < 1 || per.isNegative() || per.isZero()) {
        throw new IllegalArgumentException("loginRateLimit wants count >= 1 and a positive duration");
      }
      this.loginLimitCount = count;
      this.loginLimitWindow = per;
      return this;
    }

    /** At most {@code count} logins per client IP within {@code per}; the next gets error 0x001D. Off by default. */
    public Builder loginRateLimitPerIp(int count, Duration per) {
      if (count < 1 || per.isNegative() || per.isZero()) {
        throw new IllegalArgumentException("loginRateLimitPerIp wants count >= 1 and a positive duration");
      }
      this.ipLoginLimitCount = count;
      this.ipLoginLimitWindow = per;
      return this;
    }

    /**
     * Locks accounts out as real servers do (OSCAR-SERVERS.md, "Rate limits on login"): after {@code count}
     * logins of one account within {@code window}, every further login of that account, by either method, is
     * refused with error 0x001D ("rate limit exceeded, try again in a few minutes": 17/03, or the channel-4 reply
     * of a channel-1 login) until {@code lockout} has passed since the last refused attempt, so every early retry
     * extends it. See {@link OscarSimulator#refusedLogins} and {@link OscarSimulator#lockedOutUntil}. Off by
     * default; checked before the other login limits.
     */
    public Builder loginLockout(int count, Duration window, Duration lockout) {
      if (count < 1 || window.isNegative() || window.isZero() || lockout.isNegative() || lockout.isZero()) {
        throw new IllegalArgumentException("loginLockout wants count >= 1 and positive durations");
      }
      this.lockoutCount = count;
      this.lockoutWindow = window;
      this.lockoutDuration = lockout;
      return this;
    }

    /**
     * Writes the start byte 0x2A of every frame, on every listener, in a TCP write of its own, flushed before the
     * rest of the frame, as real servers do (OSCAR-SERVERS.md, "Sign-on and kicks"); clients must put the frame
     * together from split reads. Off by default.
     */
    public Builder splitFlapStart() {
      this.splitFlapStart = true;
      return this;
    }

    public Builder account(String uin, String password) {
      accounts.add(new String[] {uin, Objects.requireNonNull(password, "password")});
      return this;
    }

    public Builder contact(String ownerUin, String contactUin, String nickname, String group) {
      contacts.add(new String[] {ownerUin, contactUin, nickname, group});
      return this;
    }

    /**
     * How many event loops serve the connections (default: the processors, at least two). A benchmark that shares
     * the machine with what it measures runs one: each message then wakes one loop, not whichever holds its
     * connection.
     */
    public Builder eventLoops(int loops) {
      if (loops < 1) {
        throw new IllegalArgumentException("eventLoops must be at least 1: " + loops);
      }
      this.eventLoops = loops;
      return this;
    }

    /** An always-online account that answers every channel-1 message with the same TLV 0x02. */
    public Builder echoBot(String uin) {
      echoBots.add(uin);
      return this;
    }

    /** The largest FLAP payload accepted from clients (default and maximum 65535); larger frames close. */
    public Builder maxFlapPayload(int bytes) {
      if (bytes < 10 || bytes > FlapFrame.MAX_PAYLOAD) {
        throw new IllegalArgumentException("maxFlapPayload must be 10.." + FlapFrame.MAX_PAYLOAD + ": " + bytes);
      }
      this.maxFlapPayload = bytes;
      return this;
    }

    /** How long a login cookie stays valid (default 60 s); for tests. */
    Builder cookieLifetime(Duration lifetime) {
      this.cookieLifetime = Objects.requireNonNull(lifetime);
      return this;
    }

    /** The clock for cookie expiry and the times in user-info blocks; for tests. */
    Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock);
      return this;
    }

    /** Binds both servers and returns once they listen. */
    public OscarSimulator start() {
      SimulatorState state = new SimulatorState(clock, cookieLifetime);
      accounts.forEach(a -> state.addAccount(a[0], a[1]));
      echoBots.forEach(state::addEchoBot);
      contacts.forEach(c -> state.addContact(c[0], c[1], c[2], c[3]));
      details.forEach(d -> state.details((String) d[0], (UserDetails) d[1]));
      authRequired.forEach(state::requireAuthorization);
      offlineMessages.forEach(m -> state.storeOfflineMessage((String) m[0], (OfflineMessage) m[1]));
      avatars.forEach(a -> state.setAvatar(ScreenNames.normalize((String) a[0]), (byte[]) a[1]));
      profiles.forEach(p -> state.profile(p[0], aolMimeType(p[1]), p[1].getBytes(StandardCharsets.UTF_8)));
      state.rateLimits(rateLimits ? rateClasses : RateClasses.UNLIMITED, rateLimits);
      state.loginRateLimits(new LoginRateLimiter(loginLimitCount, loginLimitWindow, clock),
          new LoginRateLimiter(ipLoginLimitCount, ipLoginLimitWindow, clock));
      state.loginLockout(new LoginLockout(lockoutCount, lockoutWindow, lockoutDuration, clock));

      EventLoopGroup group = new MultiThreadIoEventLoopGroup(eventLoops,
          new DefaultThreadFactory("oscar-simulator", true), NioIoHandler.newFactory());
      ChannelGroup channels = new DefaultChannelGroup("oscar-simulator", GlobalEventExecutor.INSTANCE);
      try {
        Channel bos = bind(group, channels, bosPort, ignored -> new BosServerHandler(state));
        InetSocketAddress bosAddress = (InetSocketAddress) bos.localAddress();
        state.bosAddress(advertisedHost() + ":" + bosAddress.getPort());
        Channel bart = bind(group, channels, bartPort, ignored -> new BartServerHandler(state));
        state.bartAddress(advertisedHost() + ":" + ((InetSocketAddress) bart.localAddress()).getPort());
        Channel chat = bind(group, channels, 0, ignored -> new ChatServerHandler(state));
        InetSocketAddress chatAddress = (InetSocketAddress) chat.localAddress();
        state.chatRooms().address(advertisedHost() + ":" + chatAddress.getPort(), chatAddress);
        Channel login = bind(group, channels, loginPort, ignored -> new LoginServerHandler(state));
        OscarSimulator simulator = new OscarSimulator(state, group, channels, login, bos, bart);
        if (proxyPort >= 0) {
          simulator.proxy = new RendezvousProxy(host, proxyPort, RendezvousProxy.ipv4(advertisedHost()));
        }
        LOG.info("OSCAR simulator listening: login {}, BOS {}, BART {}", login.localAddress(), bosAddress,
            bart.localAddress());
        return simulator;
      } catch (RuntimeException e) {
        channels.close().awaitUninterruptibly();
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly();
        throw e;
      }
    }

    private Channel bind(EventLoopGroup group, ChannelGroup channels, int port,
        Function<SocketChannel, ChannelHandler> handler) {
      ServerBootstrap bootstrap = new ServerBootstrap()
          .group(group)
          .channel(NioServerSocketChannel.class)
          .option(ChannelOption.SO_BACKLOG, 1024)
          .childOption(ChannelOption.TCP_NODELAY, true)
          .childHandler(new ChannelInitializer<SocketChannel>() {
            @Override
            protected void initChannel(SocketChannel channel) {
              channels.add(channel);
              if (tls != null) {
                channel.pipeline().addLast("tls", tls.newHandler(channel.alloc()));
              }
              addFlapHandlers(channel.pipeline(), maxFlapPayload, splitFlapStart, handler.apply(channel));
            }
          });
      try {
        Channel channel = bootstrap.bind(host, port).sync().channel();
        channels.add(channel);
        return channel;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while binding " + host + ":" + port, e);
      } catch (Exception e) {
        throw new IllegalStateException("cannot listen on " + host + ":" + port + ": " + e.getMessage(), e);
      }
    }

    /** The host named in 17/03 TLV 0x05: a wildcard bind is advertised as loopback. */
    private String advertisedHost() {
      if (advertisedHost != null) {
        return advertisedHost;
      }
      try {
        return InetAddress.getByName(host).isAnyLocalAddress() ? "127.0.0.1" : host;
      } catch (java.net.UnknownHostException e) {
        return host;
      }
    }

    private static int checkPort(int port) {
      if (port < 0 || port > 0xFFFF) {
        throw new IllegalArgumentException("port out of range: " + port);
      }
      return port;
    }
  }
}
