package net.icqtransport.oscar.icq;

import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SingleThreadEventLoop;
import io.netty.channel.nio.NioIoHandler;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.netty.util.concurrent.EventExecutor;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.DoubleSupplier;
import java.util.function.LongSupplier;
import net.icqtransport.core.legacy.LegacyContactId;
import net.icqtransport.core.legacy.LegacyCredentials;
import net.icqtransport.core.legacy.LegacyListener;
import net.icqtransport.core.legacy.LegacySessionOptions;
import net.icqtransport.core.legacy.LegacyNetwork;
import net.icqtransport.core.legacy.LegacySession;
import net.icqtransport.core.legacy.LoginFailedException;
import net.icqtransport.oscar.client.FlapConnection;
import net.icqtransport.oscar.client.LoginRequestSpacing;
import net.icqtransport.oscar.client.OscarLogin;
import net.icqtransport.oscar.client.OscarLoginResult;

/**
 * ICQ over OSCAR. All sessions share one NIO event loop group; each session lives on one loop of it (no thread
 * per session), so tens of thousands of sessions cost sockets and memory, not threads. The loops are also where the
 * transport runs each user's lane ({@link #eventLoopFor}): a session opened with its user's loop as home does its
 * I/O there, and its events reach the user's bridge on the same thread.
 */
public final class IcqNetwork implements LegacyNetwork, AutoCloseable {
  private final IcqNetworkSettings settings;
  /** How early a login request may leave before its turn ({@link #spaceLoginRequests}). */
  private static final Duration LOGIN_REQUEST_TOLERANCE = Duration.ofMillis(25);
  private final EventLoopGroup group;
  private final boolean ownsGroup;
  /** The group's loops, for {@link #eventLoopFor}. */
  private final List<EventLoop> loops;
  /** BOS connections of the open sessions; each leaves when its TCP connection closes. */
  private final Set<FlapConnection> connections = ConcurrentHashMap.newKeySet();
  private final LongAdder retiredRateLimitWaits = new LongAdder();
  /** OFT file transfers: how to connect, and the threads their blocking sockets run on (null: off). */
  private volatile IcqFileTransferSettings fileTransferSettings = IcqFileTransferSettings.defaults();
  private volatile java.util.concurrent.ExecutorService fileTransferExecutor;
  /** Spaces the login requests of all sessions where the authorizer counts them; none unless set. */
  private volatile LoginRequestSpacing loginRequestSpacing = LoginRequestSpacing.none();

  /**
   * @param group NIO event loops shared by all sessions (e.g. {@code MultiThreadIoEventLoopGroup} with
   *     {@code NioIoHandler}); not shut down by {@link #close()}
   */
  public IcqNetwork(IcqNetworkSettings settings, EventLoopGroup group) {
    this(settings, group, false);
  }

  /** With a NIO event loop group of its own (Netty's default size), shut down by {@link #close()}. */
  public IcqNetwork(IcqNetworkSettings settings) {
    this(settings, new MultiThreadIoEventLoopGroup(NioIoHandler.newFactory()), true);
  }

  /**
   * With a NIO event loop group of its own of {@code eventLoops} threads, shut down by {@link #close()}. Every
   * message a session relays wakes its loop up; fewer loops carry more work per wake-up.
   */
  public IcqNetwork(IcqNetworkSettings settings, int eventLoops) {
    this(settings, new MultiThreadIoEventLoopGroup(requirePositive(eventLoops),
        new DefaultThreadFactory("icq-loop"), NioIoHandler.newFactory()), true);
  }

  private static int requirePositive(int eventLoops) {
    if (eventLoops < 1) {
      throw new IllegalArgumentException("at least one event loop, not " + eventLoops);
    }
    return eventLoops;
  }

  private IcqNetwork(IcqNetworkSettings settings, EventLoopGroup group, boolean ownsGroup) {
    this.settings = Objects.requireNonNull(settings, "settings");
    this.group = Objects.requireNonNull(group, "group");
    this.ownsGroup = ownsGroup;
    List<EventLoop> found = new ArrayList<>();
    for (EventExecutor executor : group) {
      found.add((EventLoop) executor);
    }
    this.loops = List.copyOf(found);
  }

  /**
   * The event loop for {@code key} (a user's bare JID), the same one for the key every time: where the transport
   * runs the user's lane, and where {@link #open(LegacyCredentials, LegacySessionOptions, LegacyListener,
   * Executor)} with it as home puts the user's session. Work on a loop must not block for long: every session on
   * it waits meanwhile.
   */
  public Executor eventLoopFor(Object key) {
    return loops.get(Math.floorMod(key.hashCode(), loops.size()));
  }

  /**
   * When the calling thread is one of this network's event loops: arranges for {@code task} to run on it at the
   * end of its current iteration (after the reads that were ready and the tasks queued) and returns true; else
   * returns false and never runs it. The transport wakes its XMPP writer there once per iteration rather than
   * once for every stanza the iteration sent.
   */
  public boolean runAfterThisTurn(Runnable task) {
    for (EventLoop loop : loops) {
      if (loop.inEventLoop()) {
        if (!(loop instanceof SingleThreadEventLoop turns)) {
          return false;
        }
        try {
          turns.executeAfterEventLoopIteration(task);
          return true;
        } catch (RejectedExecutionException e) {
          return false; // shutting down
        }
      }
    }
    return false;
  }

  /**
   * The event loops this network's sessions run on, for other connections that should share them (the transport
   * puts its XMPP component stream there, so that a message crosses between the two without a hand-over).
   */
  public EventLoopGroup eventLoops() {
    return group;
  }

  public IcqNetworkSettings settings() {
    return settings;
  }

  /**
   * From now on the login requests of all sessions (SNAC 17/02, or the channel-1 login) reach the authorizer at
   * most at {@code loginsPerSecond} (read at each login: the transport's login pacer's current rate), each one
   * its interval after the one before, up to {@code burst} at once after a quiet time (the pacer's burst), with a
   * tolerance of 25 ms: the slots the pacer hands out arrive at the server as evenly as they were given, whatever
   * the connections and key round trips on the way took ({@link LoginRequestSpacing}).
   */
  public IcqNetwork spaceLoginRequests(DoubleSupplier loginsPerSecond, int burst) {
    return spaceLoginRequests(loginsPerSecond, System::nanoTime, burst);
  }

  /**
   * As {@link #spaceLoginRequests(DoubleSupplier, int)}, and no login request leaves before {@code closedUntil}
   * ({@link System#nanoTime()}; read at each request): the pacer's word that the server's window of logins per
   * address is full until then, so that the logins already on their way when it refused one wait instead of being
   * refused too.
   */
  public IcqNetwork spaceLoginRequests(DoubleSupplier loginsPerSecond, LongSupplier closedUntil, int burst) {
    this.loginRequestSpacing = new LoginRequestSpacing(loginsPerSecond, closedUntil, burst, LOGIN_REQUEST_TOLERANCE,
        System::nanoTime);
    return this;
  }

  /**
   * Turns OFT file transfers on for sessions opened from now on, with at most {@code maxConcurrent} transfers
   * running at once (each holds a thread while its socket blocks); {@link #close()} stops them.
   */
  public IcqNetwork enableFileTransfers(IcqFileTransferSettings transferSettings, int maxConcurrent) {
    Objects.requireNonNull(transferSettings, "transferSettings");
    java.util.concurrent.ThreadPoolExecutor executor = new java.util.concurrent.ThreadPoolExecutor(maxConcurrent,
        maxConcurrent, 30, java.util.concurrent.TimeUnit.SECONDS, new java.util.concurrent.LinkedBlockingQueue<>(),
        new DefaultThreadFactory("icq-file-transfer", true));
    executor.allowCoreThreadTimeOut(true);
    this.fileTransferSettings = transferSettings;
    java.util.concurrent.ExecutorService old = fileTransferExecutor;
    this.fileTransferExecutor = executor;
    if (old != null) {
      old.shutdown();
    }
    return this;
  }

  @Override
  public CompletableFuture<LegacySession> open(LegacyCredentials credentials, LegacyListener listener) {
    return open(credentials, LegacySessionOptions.DEFAULTS, listener);
  }

  /** {@inheritDoc} The user's legacy codepage, if chosen, replaces the configured one for this session. */
  @Override
  public CompletableFuture<LegacySession> open(
      LegacyCredentials credentials, LegacySessionOptions options, LegacyListener listener) {
    return open(credentials, options, listener, null);
  }

  /**
   * {@inheritDoc} The session lives on {@code home} when it is one of this network's loops ({@link #eventLoopFor}),
   * else on the group's next loop.
   */
  @Override
  public CompletableFuture<LegacySession> open(
      LegacyCredentials credentials, LegacySessionOptions options, LegacyListener listener, Executor home) {
    Objects.requireNonNull(credentials, "credentials");
    Objects.requireNonNull(listener, "listener");
    IcqNetworkSettings settings = options.codepage().map(this.settings::withLegacyCodepage).orElse(this.settings);
    LegacyContactId account = parseContactId(credentials.account().value());
    CompletableFuture<LegacySession> result = new CompletableFuture<>();
    EventLoop loop = home instanceof EventLoop own && loops.contains(own) ? own : group.next();
    OscarLogin.start(loop, settings.clientConfig(), account.value(), credentials.password(), loginRequestSpacing,
        new OscarLogin.Outcome() {
      @Override
      public FlapConnection.Listener loggedIn(OscarLoginResult login) {
        FlapConnection connection = login.connection();
        connection.consolidateFlushes(); // the session's messages, answers and requests: one write per burst
        connections.add(connection);
        connection.whenClosed(() -> {
          if (connections.remove(connection)) {
            retiredRateLimitWaits.add(connection.rateLimitWaits());
          }
        });
        IcqSession session = new IcqSession(login, account, listener, settings, fileTransferSettings,
            fileTransferExecutor);
        result.complete(session);
        session.start(login.contactList());
        return session;
      }

      @Override
      public void authorized() {
        listener.loginAccepted();
      }

      @Override
      public void failed(LoginFailedException failure) {
        result.completeExceptionally(failure);
      }
    });
    return result;
  }

  /**
   * SNACs waiting for the servers' rate limits, summed over the open sessions, and how many SNACs had to
   * wait so far (OSCAR rate limits: SNAC(01,07), SNAC(01,0A)); for metrics, callable from any thread.
   */
  public RateStatistics rateStatistics() {
    long waits = 0;
    int queued = 0;
    for (FlapConnection connection : connections) {
      long connectionWaits = connection.rateLimitWaits();
      if (!connection.isOpen() && connections.remove(connection)) {
        retiredRateLimitWaits.add(connectionWaits);
        continue;
      }
      waits += connectionWaits;
      queued += connection.rateQueueDepth();
    }
    return new RateStatistics(queued, waits + retiredRateLimitWaits.sum());
  }

  /**
   * The rate limiters of all sessions at one moment.
   *
   * @param queued SNACs waiting now
   * @param waits SNACs that had to wait since the network was created (a counter)
   */
  public record RateStatistics(int queued, long waits) {}

  /** BOS connections held for the open sessions (for tests: closed ones must not stay). */
  int trackedConnections() {
    return connections.size();
  }

  /** The largest UIN: OSCAR carries UINs as unsigned 32-bit numbers (ICQ family 0x15 requests, 0x0004 TLVs). */
  static final long MAX_UIN = 0xFFFF_FFFFL;

  /**
   * An ICQ UIN, 5 to 10 ASCII digits without a leading zero and at most {@value #MAX_UIN} (2³² − 1), e.g.
   * {@code "100002"}, as it is; or an AIM screen name ({@link AimScreenNames#isValid}: a letter first, letters,
   * digits and spaces, 3 to 16 characters), normalized as OSCAR compares them: {@code "Joe User"} →
   * {@code "joeuser"}. The same normalization as for names arriving from the server, so a contact has one id
   * whichever way it comes.
   *
   * @throws IllegalArgumentException for anything else
   */
  @Override
  public LegacyContactId parseContactId(String text) {
    if (text != null && isUin(text)) {
      return new LegacyContactId(text);
    }
    if (text != null && AimScreenNames.isValid(text)) {
      return new LegacyContactId(AimScreenNames.normalize(text));
    }
    throw new IllegalArgumentException("neither an ICQ number (5 to 10 digits, no leading zero, at most " + MAX_UIN
        + ") nor an AIM screen name (a letter first, then letters, digits, spaces; 3 to 16 characters): "
        + abbreviate(text));
  }

  /** Whether a contact id (or a screen name from the wire) is an ICQ UIN rather than an AIM screen name. */
  public static boolean isUin(String text) {
    int length = text.length();
    if (length < 5 || length > 10 || text.charAt(0) == '0') {
      return false;
    }
    for (int i = 0; i < length; i++) {
      char c = text.charAt(i);
      if (c < '0' || c > '9') {
        return false;
      }
    }
    return Long.parseLong(text) <= MAX_UIN;
  }

  /** Refused input is quoted in errors, but never more than a short prefix of it. */
  private static String abbreviate(String text) {
    return text == null || text.length() <= 40 ? String.valueOf(text) : text.substring(0, 40) + "…";
  }

  /** Shuts down the event loop group if this network created it; sessions on it end with it. */
  @Override
  public void close() {
    java.util.concurrent.ExecutorService transfers = fileTransferExecutor;
    if (transfers != null) {
      transfers.shutdownNow();
    }
    if (ownsGroup) {
      group.shutdownGracefully(0, 5, TimeUnit.SECONDS).syncUninterruptibly();
    }
  }
}
