package net.icqtransport.xmpp;

import com.google.common.util.concurrent.ThreadFactoryBuilder;
import io.netty.channel.EventLoopGroup;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.function.Function;
import net.icqtransport.core.bridge.Gateway;
import net.icqtransport.core.registration.ContactSyncStore;
import net.icqtransport.core.registration.MemoryContactSyncStore;
import net.icqtransport.core.legacy.LegacyContact;
import net.icqtransport.core.legacy.LegacyContactId;
import net.icqtransport.core.legacy.LegacyPresence;
import net.icqtransport.core.legacy.TypingState;
import net.icqtransport.core.registration.StoreException;
import net.icqtransport.core.user.SessionState;
import net.icqtransport.core.user.UserAddress;
import net.icqtransport.core.user.UserEndpoint;
import net.icqtransport.xmpp.access.AccessPolicy;
import net.icqtransport.xmpp.access.AccessSettings;
import net.icqtransport.xmpp.address.TransportAddresses;
import net.icqtransport.xmpp.avatar.AvatarSource;
import net.icqtransport.xmpp.command.CommandRegistry;
import net.icqtransport.xmpp.command.CommandSessions;
import net.icqtransport.xmpp.command.ChatCommands;
import net.icqtransport.xmpp.command.TransportCommands;
import net.icqtransport.xmpp.avatar.AvatarCache;
import net.icqtransport.xmpp.connection.BackoffPolicy;
import net.icqtransport.xmpp.connection.ComponentConnector;
import net.icqtransport.xmpp.connection.ComponentLink;
import net.icqtransport.xmpp.connection.ConnectionListener;
import net.icqtransport.xmpp.connection.ConnectionSupervisor;
import net.icqtransport.xmpp.connection.EndOfTurn;
import net.icqtransport.xmpp.connection.OutboundStanzaQueue;
import net.icqtransport.xmpp.connection.NettyConnector;
import net.icqtransport.xmpp.connection.Sleeper;
import net.icqtransport.xmpp.connection.WhackConnector;
import net.icqtransport.xmpp.disco.EntityCapsStamper;
import net.icqtransport.core.dispatch.KeyedSequentialExecutor;
import net.icqtransport.xmpp.endpoint.ContactPresencePublisher;
import net.icqtransport.xmpp.endpoint.MessageBounces;
import net.icqtransport.xmpp.endpoint.XmppUserEndpoint;
import net.icqtransport.xmpp.handler.CommandsHandler;
import net.icqtransport.xmpp.handler.DiscoHandler;
import net.icqtransport.xmpp.handler.GatewayHandler;
import net.icqtransport.xmpp.handler.MessageHandler;
import net.icqtransport.xmpp.handler.PingHandler;
import net.icqtransport.xmpp.handler.PresenceHandler;
import net.icqtransport.xmpp.handler.RegistrationHandler;
import net.icqtransport.xmpp.handler.SearchHandler;
import net.icqtransport.xmpp.handler.AccountRegistration;
import net.icqtransport.xmpp.handler.Unregistration;
import net.icqtransport.xmpp.handler.VCardHandler;
import net.icqtransport.xmpp.handler.VersionHandler;
import net.icqtransport.xmpp.privilege.PrivilegeGrants;
import net.icqtransport.xmpp.privilege.PrivilegeMessageListener;
import net.icqtransport.xmpp.roster.ClientFeatures;
import net.icqtransport.xmpp.roster.PrivilegedRoster;
import net.icqtransport.xmpp.roster.RosterPushHandler;
import net.icqtransport.xmpp.roster.RosterSync;
import net.icqtransport.xmpp.router.IqRequests;
import net.icqtransport.xmpp.router.RegistrationCheck;
import net.icqtransport.xmpp.router.StanzaRouter;
import net.icqtransport.xmpp.router.TakeOverProbe;
import net.icqtransport.xmpp.stanza.StanzaErrors;
import net.icqtransport.xmpp.stanza.StanzaSender;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.xmpp.packet.IQ;
import org.xmpp.packet.JID;
import org.xmpp.packet.Message;
import org.xmpp.packet.Packet;
import org.xmpp.packet.PacketError;
import org.xmpp.packet.Presence;
import net.icqtransport.xmpp.user.XmppUsers;
import net.icqtransport.xmpp.user.XmppUser;

/**
 * The ICQ transport as an XEP-0114 external component: the one class the distribution wires.
 *
 * <pre>{@code
 * TransportComponent xmpp = new TransportComponent(settings);   // also the bridge's UserEndpoint
 * Gateway gateway = ...new bridge...(legacyNetwork, store, xmpp);
 * xmpp.attach(gateway);
 * xmpp.start();                                   // returns at once; connects in the background
 * xmpp.awaitConnected(Duration.ofSeconds(30));    // optional
 * ...
 * xmpp.stopTakingWork();                          // what was read reaches the gateway; the rest is refused
 * gateway.shutdown();                             // users' sessions end, they see the transport go offline
 * xmpp.stop();                                    // everything owed is written, then the stream closes
 * }</pre>
 *
 * <p>A graceful stop loses no stanza the component has read: {@link #stopTakingWork()} makes the cut (stanzas
 * read before it are routed as usual, those read after it are answered {@code service-unavailable}, type
 * {@code wait}, "restarting", or routed when they need no answer) and waits for the stanzas read before it to be
 * handled, so the bridges still relay them; the gateway then signs the users off; {@link #stop()} closes the
 * stream only once every stanza read has been handled and every reply and message written. XEP-0114 has no
 * acknowledgements: what the server routes to the component in the last moment of the close, after the final
 * check, is not read and cannot be answered (docs/scaling.md, "Limits").
 *
 * <p>Inbound stanzas are handled in order per sender bare JID, in parallel across senders, and never dropped;
 * outbound stanzas go through one FIFO that waits for the connection. After the first connection and every
 * reconnection, every registered user is probed (XEP-0100 §4.4) so their sessions start again; the answer,
 * the user's available presence, also has the messages kept for them during the outage handed over.
 *
 * <p>Whack calls {@code Preferences.userRoot()}: run with {@code -Djava.util.prefs.userRoot=<some dir>} to
 * keep it out of the home folder.
 */
public final class TransportComponent implements UserEndpoint {
  private static final Logger LOG = LoggerFactory.getLogger(TransportComponent.class);
  /** Threads running the users' lanes: stanzas, the XMPP side's state and (shared) the bridges; they may block on the database. */
  private static final int LANE_THREADS = Math.max(4, 2 * Runtime.getRuntime().availableProcessors());
  /** How long a stop waits for the stanzas read so far to be handled, and for everything owed to be written. */
  private static final long DRAIN_WAIT_SECONDS = 5;
  private static final Duration DRAIN_WAIT = Duration.ofSeconds(DRAIN_WAIT_SECONDS);
  /** The answer to a stanza that asks for work after {@link #stopTakingWork()} (RFC 6120 §8.3.3.19, wait). */
  static final String RESTARTING = "The ICQ transport is restarting or shutting down; send it again in a moment";
  /** The SLF4J MDC key holding the bare JID of the stanza's sender while it is handled. */
  public static final String MDC_USER = "user";
  /** How long an ad-hoc command waits for its form (XEP-0050 §3.4) before its session is dropped. */
  private static final Duration COMMAND_TIMEOUT = Duration.ofMinutes(10);

  private final ComponentSettings settings;
  private volatile AccessSettings access = AccessSettings.DEFAULTS;
  private final TransportAddresses addresses;
  private final OutboundStanzaQueue queue;
  /** Where handlers and the endpoint send: the queue, behind XEP-0115 caps on available presences. */
  private final StanzaSender outbound;
  private final IqRequests iqRequests;
  private final PrivilegeGrants privileges = new PrivilegeGrants();
  /** Everything wired over the gateway ({@link #attach}); null before. */
  private volatile ComponentAssembly assembly;
  /** The lanes' own threads; null when the lanes are placed on the caller's executors. */
  private final ExecutorService lanePool;
  /**
   * One lane per user (per sender bare JID): the user's stanzas, the user's {@code XmppUser}, and the user's
   * bridge when the distribution shares the lanes with it ({@link #userLanes()}).
   */
  private final KeyedSequentialExecutor<String> lanes;
  /** Stanzas read and not yet handled: what a stop waits for. */
  private final StanzasInHand inHand = new StanzasInHand();
  private final ConnectionSupervisor supervisor;
  private final Function<Consumer<Packet>, ComponentConnector> connectorFactory;
  private volatile Gateway gateway;
  /** ICQ ⇄ Jabber files (XEP-0363, XEP-0066), when enabled before {@link #attach}. */
  private net.icqtransport.xmpp.filetransfer.FileTransferSettings fileTransfers;
  /** Whether users may arrive from another instance ({@link #takeUsersOver()}); off for a single instance. */
  private volatile boolean takeUsersOver;
  private boolean started;
  private boolean stopped;
  /**
   * False from {@link #stopTakingWork()} on: stanzas read from then on are answered by the component
   * ({@link #refusedWhileStopping}) instead of reaching the gateway.
   */
  private volatile boolean takingWork = true;
  /**
   * Held by the stream's reader while it hands a stanza over ({@link #receive}) and by {@link #stop()} while it
   * checks that everything read was handled and closes the stream, so no stanza slips in between. Fair, so a
   * reader waiting with a stanza goes before the stop's next check.
   */
  private final ReentrantLock inboundGate = new ReentrantLock(true);
  /** Set under {@link #inboundGate} when the stream is closed: a stanza handed over after that cannot be answered. */
  private boolean inboundClosed;

  /**
   * A component that connects with Whack to {@code settings.serverHost():serverPort()}, with the users' lanes on
   * a pool of its own (max(4, 2 × cores) threads).
   */
  public TransportComponent(ComponentSettings settings) {
    this(settings, sink -> new WhackConnector(settings, sink), Sleeper.SYSTEM, null, EndOfTurn.NONE);
  }

  /**
   * A component that connects with Whack, running each user's lane on {@code lanePlacement.apply(bareJid)}: the
   * distribution places it on the event loop the user's legacy session lives on. Those executors are the caller's,
   * and must run until this component has {@linkplain #stop() stopped}; nothing run there may block for long.
   */
  public TransportComponent(ComponentSettings settings, Function<String, Executor> lanePlacement) {
    this(settings, lanePlacement, EndOfTurn.NONE);
  }

  /**
   * As {@link #TransportComponent(ComponentSettings, Function)}, where those executors work in turns
   * ({@code endOfTurn}: an event loop's iteration): the stanzas a turn sends wake the writer once, at its end.
   */
  public TransportComponent(ComponentSettings settings, Function<String, Executor> lanePlacement, EndOfTurn endOfTurn) {
    this(settings, sink -> new WhackConnector(settings, sink), Sleeper.SYSTEM,
        Objects.requireNonNull(lanePlacement, "lanePlacement"), endOfTurn);
  }

  /**
   * As {@link #TransportComponent(ComponentSettings, Function, EndOfTurn)}, with the component stream on an event
   * loop of {@code loops} ({@link NettyConnector}) instead of Whack's threads: a stanza read there is handed to its
   * user's lane, and the stanzas a loop's turn sends are written, by that loop. The group is the caller's and must
   * run until this component has {@linkplain #stop() stopped}.
   */
  public TransportComponent(ComponentSettings settings, EventLoopGroup loops, Function<String, Executor> lanePlacement,
      EndOfTurn endOfTurn) {
    this(settings, sink -> new NettyConnector(settings, loops, sink), Sleeper.SYSTEM,
        Objects.requireNonNull(lanePlacement, "lanePlacement"), endOfTurn);
  }

  /** For tests: any connector (given the inbound sink) and clock. */
  TransportComponent(ComponentSettings settings, Function<Consumer<Packet>, ComponentConnector> connectorFactory, Sleeper sleeper) {
    this(settings, connectorFactory, sleeper, null, EndOfTurn.NONE);
  }

  private TransportComponent(ComponentSettings settings, Function<Consumer<Packet>, ComponentConnector> connectorFactory,
      Sleeper sleeper, Function<String, Executor> lanePlacement, EndOfTurn endOfTurn) {
    this.settings = Objects.requireNonNull(settings, "settings");
    this.queue = new OutboundStanzaQueue(endOfTurn);
    this.connectorFactory = connectorFactory;
    this.addresses = new TransportAddresses(settings.domain(), this::parseContactId);
    this.outbound = new EntityCapsStamper(queue, settings.domain(), settings.presentation());
    this.iqRequests = new IqRequests(outbound);
    if (lanePlacement == null) {
      this.lanePool = Executors.newFixedThreadPool(LANE_THREADS,
          new ThreadFactoryBuilder().setNameFormat("user-lane-%d").setDaemon(true).build());
      this.lanes = new KeyedSequentialExecutor<>(lanePool);
    } else {
      this.lanePool = null;
      this.lanes = new KeyedSequentialExecutor<>(lanePlacement);
    }
    this.supervisor = new ConnectionSupervisor(
        connectorFactory.apply(this::receive),
        BackoffPolicy.exponential(settings.initialRetryDelay(), settings.maxRetryDelay()),
        new Listener(),
        sleeper,
        () -> ThreadLocalRandom.current().nextDouble(),
        settings.serverHost() + ":" + settings.serverPort() + " as " + settings.domain());
  }

  /** Who may use the transport and how much ({@link AccessSettings#DEFAULTS} unless set); call before {@link #attach}. */
  public synchronized void restrictAccess(AccessSettings access) {
    if (gateway != null) {
      throw new IllegalStateException("restrictAccess before attach(gateway)");
    }
    this.access = Objects.requireNonNull(access, "access");
  }

  /**
   * Passes files between ICQ and Jabber: ICQ offers are uploaded to the user's server (XEP-0363) and linked
   * (XEP-0066); OOB links from the user are offered to ICQ contacts. Call before {@link #attach}.
   */
  public synchronized void enableFileTransfers(net.icqtransport.xmpp.filetransfer.FileTransferSettings settings) {
    if (this.gateway != null) {
      throw new IllegalStateException("enable file transfers before attach(gateway)");
    }
    this.fileTransfers = Objects.requireNonNull(settings, "settings");
  }

  /**
   * Connects the component to the bridge, keeping which contacts are in each user's roster in memory (every
   * contact is offered again after a restart); call once, before {@link #start()}.
   */
  public void attach(Gateway gateway) {
    attach(gateway, new MemoryContactSyncStore());
  }

  /**
   * Connects the component to the bridge; call once, before {@link #start()}.
   *
   * @param roster which contacts are in each user's roster (the roster sync's progress, durable)
   */
  public synchronized void attach(Gateway gateway, ContactSyncStore roster) {
    Objects.requireNonNull(gateway, "gateway");
    if (this.gateway != null) {
      throw new IllegalStateException("a gateway is already attached");
    }
    this.gateway = gateway;
    this.assembly = new ComponentAssembly(new ComponentAssembly.Parts(addresses, gateway, outbound, iqRequests,
        privileges, new XmppUsers(lanes, roster), access, System::nanoTime, settings::isAdmin, this::inboundBacklog,
        this::outboundBacklog, new CommandSessions(Clock.systemUTC(), COMMAND_TIMEOUT), fileTransfers, null,
        settings.presentation()));
  }

  /**
   * Declares that other transport instances serve the same domain (docs/scaling.md): a stanza from a registered
   * user without a session here makes the component probe that user ({@link TakeOverProbe}). A single instance
   * never does: it probes every registered user when it connects, and a probe sent before the user accepted the
   * transport's subscription would be answered {@code unsubscribed} by the user's server and cancel the request
   * (issue #15). Call before {@link #start()}.
   */
  public void takeUsersOver() {
    takeUsersOver = true;
  }

  /** Contacts' avatar images (XEP-0153, and the vCard PHOTO of XEP-0054); available once a gateway is attached. */
  public AvatarCache avatars() {
    return assembly().avatars();
  }

  /**
   * The users' lanes, keyed by bare JID, for the bridge to run each user's session on
   * ({@code BridgeGateway.runEachUserOn}): then a user's stanzas, XMPP-side state and bridge share one
   * sequential executor, and the bridge's calls back need no hand-over. Owned by the component: {@link #stop()}
   * ends them, after the gateway's shutdown.
   */
  public KeyedSequentialExecutor<String> userLanes() {
    return lanes;
  }

  /** For tests: what the server granted (XEP-0356), and the component's own IQ requests. */
  PrivilegeGrants privileges() {
    return privileges;
  }

  IqRequests iqRequests() {
    return iqRequests;
  }

  /** Starts connecting (retrying with backoff until it succeeds or {@link #stop()}); returns at once. */
  public synchronized void start() {
    if (gateway == null) {
      throw new IllegalStateException("attach(gateway) before start()");
    }
    if (started) {
      throw new IllegalStateException("already started");
    }
    started = true;
    LOG.info("Starting the XMPP component {}", settings);
    supervisor.start();
  }

  /** Waits for the first connection to the server; true if it is up within the timeout. */
  public boolean awaitConnected(Duration timeout) throws InterruptedException {
    return supervisor.awaitFirstConnection(timeout);
  }

  /** Whether the component is connected to the server right now. */
  public boolean isConnected() {
    return supervisor.isConnected();
  }

  /** Why the component is not connected (e.g. the server refused its secret); empty while connected. */
  public Optional<String> connectionProblem() {
    return supervisor.problem();
  }

  /** The component's domain, e.g. {@code icq.example.org}. */
  public String domain() {
    return settings.domain();
  }

  /**
   * The first step of a graceful stop, before the gateway shuts down: the component stops taking work. Every
   * stanza read from now on that asks for something (a message with a body, an IQ get or set, an available
   * presence to the transport, a subscription stanza to a contact) is answered by the component itself with
   * {@code service-unavailable}, type {@code wait} ("{@value #RESTARTING}", RFC 6120 §8.3.3.19), which a client
   * may send again and, with several instances, another instance takes; the others (errors, and so the
   * bounces of the transport's messages, IQ results, unavailable presences, probes, chat states) are routed as
   * usual. Nobody is probed for a take-over any more. Then waits, at most {@value #DRAIN_WAIT_SECONDS} s, until
   * the stanzas read before were handled, so they reach the bridges before these sign off. The stream stays up
   * until {@link #stop()}. Safe to call more than once.
   */
  public void stopTakingWork() {
    synchronized (this) {
      if (!takingWork) {
        return;
      }
      takingWork = false;
    }
    LOG.info("Stopping: stanzas read from now on are answered \"restarting\"; handling the {} read before",
        inHand.count());
    try {
      if (!inHand.awaitNone(DRAIN_WAIT)) {
        LOG.warn("{} stanzas read before the stop are still waiting after {} s; the gateway refuses them once it"
            + " is shut down", inHand.count(), DRAIN_WAIT.toSeconds());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /**
   * Stops taking work ({@link #stopTakingWork()}, if not done yet), shows the transport offline to every user it
   * still shows online, waits until every stanza read has been handled and every stanza queued has been written
   * (at most {@value #DRAIN_WAIT_SECONDS} s), closes the stream and stops all threads. Does not shut the gateway
   * down: call {@link Gateway#shutdown()} between the two, so what the bridges owe is written before the close.
   */
  public void stop() {
    synchronized (this) {
      if (stopped) {
        return;
      }
      stopped = true;
    }
    stopTakingWork();
    ComponentAssembly current = assembly;
    if (current != null) {
      current.endpoint().signOffEveryone();
    }
    closeOnceDrained();
    queue.stop();
    try {
      if (lanePool == null) {
        // The lanes run on the caller's executors, stopped after this: what runs on them now finishes there.
        if (!lanes.awaitIdle(Duration.ofSeconds(5))) {
          LOG.warn("{} users' lanes still have work at the stop", lanes.activeKeys());
        }
      } else {
        lanePool.shutdown();
        if (!lanePool.awaitTermination(5, TimeUnit.SECONDS)) {
          lanePool.shutdownNow();
        }
      }
    } catch (InterruptedException e) {
      if (lanePool != null) {
        lanePool.shutdownNow();
      }
      Thread.currentThread().interrupt();
    }
    LOG.info("XMPP component {} stopped", settings.domain());
  }

  /**
   * Closes the stream once every stanza read has been handled and every stanza queued has been written. The
   * last check and the close happen under {@link #inboundGate}, so the reader cannot hand a stanza over between
   * them; a reader already waiting at the gate with a stanza is let in and the check made again. Gives up
   * waiting after {@link #DRAIN_WAIT}, or at once when there is no link to write to, and says what is left.
   */
  private void closeOnceDrained() {
    long deadline = System.nanoTime() + DRAIN_WAIT.toNanos();
    while (true) {
      Duration left = Duration.ofNanos(Math.max(0, deadline - System.nanoTime()));
      boolean interrupted = false;
      try {
        inHand.awaitNone(left);
        queue.awaitDrained(left);
      } catch (InterruptedException e) {
        interrupted = true;
        Thread.currentThread().interrupt();
      }
      inboundGate.lock();
      try {
        boolean drained = inHand.count() == 0 && queue.backlog() == 0 && !inboundGate.hasQueuedThreads();
        if (drained || interrupted || !supervisor.isConnected() || deadline - System.nanoTime() <= 0) {
          if (!drained && supervisor.isConnected()) {
            LOG.error("Closing the component stream with {} stanzas read and not handled, and {} not written{}",
                inHand.count(), queue.backlog(),
                interrupted ? " (interrupted)" : ": not done within " + DRAIN_WAIT.toSeconds() + " s");
          } else if (!drained) { // the server is away: what waits for it cannot be written (kept messages are kept)
            LOG.warn("Stopping without a connection to the server: {} stanzas not written", queue.backlog());
          }
          inboundClosed = true;
          supervisor.stop();
          return;
        }
      } finally {
        inboundGate.unlock(); // a reader waiting with a stanza goes first (fair lock), then the next check
      }
    }
  }

  /** How many times the component has connected to the server so far (reconnects are this minus one). */
  public int connectionCount() {
    return supervisor.connectionCount();
  }

  /** Inbound stanzas read and not yet handled (for metrics). */
  public int inboundBacklog() {
    return inHand.count();
  }

  /** Outbound stanzas waiting to be written (for metrics). */
  public int outboundBacklog() {
    return queue.backlog();
  }

  @Override
  public CompletableFuture<Void> deliverMessage(UserAddress user, LegacyContactId from, String text, Instant sentAt) {
    return endpoint().deliverMessage(user, from, text, sentAt);
  }

  @Override
  public void contactPresenceChanged(UserAddress user, LegacyContactId contact, LegacyPresence presence) {
    endpoint().contactPresenceChanged(user, contact, presence);
  }

  @Override
  public void contactListReceived(UserAddress user, List<LegacyContact> contacts) {
    endpoint().contactListReceived(user, contacts);
  }

  @Override
  public void sessionStateChanged(UserAddress user, SessionState state, String detail) {
    endpoint().sessionStateChanged(user, state, detail);
  }

  @Override
  public void typingChanged(UserAddress user, LegacyContactId contact, TypingState state) {
    endpoint().typingChanged(user, contact, state);
  }

  @Override
  public void authorizationRequested(UserAddress user, LegacyContactId contact, String reason) {
    endpoint().authorizationRequested(user, contact, reason);
  }

  @Override
  public void authorizationAnswered(UserAddress user, LegacyContactId contact, boolean granted, String reason) {
    endpoint().authorizationAnswered(user, contact, granted, reason);
  }

  @Override
  public void addedByContact(UserAddress user, LegacyContactId contact) {
    endpoint().addedByContact(user, contact);
  }

  @Override
  public void contactUpdated(UserAddress user, LegacyContact contact) {
    endpoint().contactUpdated(user, contact);
  }

  @Override
  public void contactRemoved(UserAddress user, LegacyContactId contact) {
    endpoint().contactRemoved(user, contact);
  }

  @Override
  public void roomInvitation(UserAddress user, LegacyContactId from, net.icqtransport.core.legacy.LegacyRoomId room,
      String text) {
    endpoint().roomInvitation(user, from, room, text);
  }

  @Override
  public void roomJoined(UserAddress user, net.icqtransport.core.legacy.LegacyRoomId room,
      java.util.List<LegacyContactId> occupants) {
    endpoint().roomJoined(user, room, occupants);
  }

  @Override
  public void roomOccupantJoined(UserAddress user, net.icqtransport.core.legacy.LegacyRoomId room,
      LegacyContactId occupant) {
    endpoint().roomOccupantJoined(user, room, occupant);
  }

  @Override
  public void roomOccupantLeft(UserAddress user, net.icqtransport.core.legacy.LegacyRoomId room,
      LegacyContactId occupant) {
    endpoint().roomOccupantLeft(user, room, occupant);
  }

  @Override
  public void roomMessage(UserAddress user, net.icqtransport.core.legacy.LegacyRoomId room, LegacyContactId from,
      String text) {
    endpoint().roomMessage(user, room, from, text);
  }

  @Override
  public void roomLeft(UserAddress user, net.icqtransport.core.legacy.LegacyRoomId room, String reason,
      boolean rejoining) {
    endpoint().roomLeft(user, room, reason, rejoining);
  }

  @Override
  public void fileOffered(UserAddress user, LegacyContactId from, net.icqtransport.core.legacy.LegacyFileOffer offer) {
    endpoint().fileOffered(user, from, offer);
  }

  private XmppUserEndpoint endpoint() {
    return assembly().endpoint();
  }

  private ComponentAssembly assembly() {
    ComponentAssembly current = assembly;
    if (current == null) {
      throw new IllegalStateException("attach(gateway) first");
    }
    return current;
  }

  /**
   * Called on Whack's reader thread, in stream order: queue per sender, never drop. Blocks only while a stop
   * checks whether everything read was handled ({@link #closeOnceDrained}); whether the component still took
   * work when the stanza was read decides how it is handled.
   */
  private void receive(Packet packet) {
    JID from = packet.getFrom();
    String key = from == null ? "" : from.toBareJID();
    inboundGate.lock();
    try {
      if (inboundClosed) {
        LOG.error("A {} from {} was read after the component's stream closed: it cannot be answered",
            packet.getElement().getName(), from);
        return;
      }
      boolean routed = takingWork;
      inHand.read();
      lanes.execute(key, () -> {
        try {
          handle(packet, from, key, routed);
        } finally {
          inHand.handled();
        }
      });
    } finally {
      inboundGate.unlock();
    }
  }

  /** Handles one inbound stanza on its sender's lane; {@code takingWork}: whether it was read before the stop. */
  private void handle(Packet packet, JID from, String key, boolean takingWork) {
    // The sender's bare JID is the log context of everything this stanza causes on this lane.
    try (MDC.MDCCloseable context = MDC.putCloseable(MDC_USER, key)) {
      ComponentAssembly current = assembly;
      if (current == null) {
        LOG.error("No gateway attached; dropping a {} from {}", packet.getElement().getName(), from);
        return;
      }
      if (!takingWork && refusedWhileStopping(packet)) {
        return;
      }
      try {
        if (takingWork && takeUsersOver) {
          current.takeOver().inspect(packet);
        }
      } catch (StoreException e) { // the database is down: docs/reliability.md
        LOG.warn("Cannot check whether to take {} over: {}", from, e.reason());
      } catch (RuntimeException e) {
        LOG.warn("Cannot check whether to take {} over", from, e);
      }
      current.router().route(packet);
    }
  }

  /**
   * After {@link #stopTakingWork()}: answers a user's stanza that asks for something with
   * {@code service-unavailable} (wait) and returns true; false for what is routed as usual (see there). Stanzas
   * of servers and of the transport's own addresses, and malformed ones, are left to the router.
   */
  private boolean refusedWhileStopping(Packet stanza) {
    boolean asks;
    try {
      JID from = stanza.getFrom();
      if (from == null || from.getNode() == null || addresses.domain().getDomain().equals(from.getDomain())) {
        return false;
      }
      if (stanza instanceof Message message) {
        Message.Type type = message.getType();
        asks = type != Message.Type.error && type != Message.Type.headline
            && message.getBody() != null && !message.getBody().isEmpty();
      } else if (stanza instanceof IQ iq) {
        asks = iq.getType() == IQ.Type.get || iq.getType() == IQ.Type.set;
      } else if (stanza instanceof Presence presence) {
        Presence.Type type = presence.getType();
        JID to = presence.getTo();
        if (to == null || to.getNode() == null) {
          asks = type == null; // available: would start a session
        } else {
          asks = type == Presence.Type.subscribe || type == Presence.Type.subscribed
              || type == Presence.Type.unsubscribe || type == Presence.Type.unsubscribed; // edit the ICQ contacts
        }
      } else {
        asks = false;
      }
    } catch (IllegalArgumentException e) { // an unknown type or a malformed address: the router answers
      return false;
    }
    if (!asks) {
      return false;
    }
    Optional<Packet> reply = StanzaErrors.replyTo(stanza,
        new PacketError(PacketError.Condition.service_unavailable, PacketError.Type.wait, RESTARTING));
    reply.ifPresent(outbound::send);
    LOG.debug("Stopping: answered a {} from {} with service-unavailable", stanza.getElement().getName(),
        stanza.getFrom());
    return reply.isPresent();
  }

  private LegacyContactId parseContactId(String text) {
    Gateway g = gateway;
    if (g == null) {
      throw new IllegalStateException("no gateway attached");
    }
    return g.parseContactId(text);
  }

  /** Probes every registered user so their sessions restart after a transport or server restart (XEP-0100 §4.4). */
  private void probeRegisteredUsers() {
    List<UserAddress> users;
    try {
      users = gateway.registeredUsers();
    } catch (RuntimeException e) {
      LOG.error("Cannot list registered users to probe them", e);
      return;
    }
    XmppUsers known = assembly().users();
    for (UserAddress user : users) {
      if (!known.find(user).map(XmppUser::mayProbe).orElse(true)) {
        continue; // the transport's subscription request is pending or was refused: a probe would cancel it
      }
      try {
        Presence probe = new Presence(Presence.Type.probe);
        probe.setFrom(addresses.domain());
        probe.setTo(addresses.userJid(user));
        outbound.send(probe);
      } catch (IllegalArgumentException e) {
        LOG.warn("Not probing {}: not a valid JID", user);
      }
    }
    LOG.info("Probed {} registered users", users.size());
  }

  private final class Listener implements ConnectionListener {
    @Override
    public void connected(ComponentLink link) {
      queue.connected(link);
      probeRegisteredUsers();
      ComponentAssembly current = assembly;
      if (current != null && link != null) {
        current.endpoint().reannounce();
      }
      // Messages kept while the link was down wait for each user's answer to the probe (an available
      // presence, Gateway.userAvailable): writing them now would race the user's return, and a server
      // without offline storage would bounce them.
    }

    @Override
    public void disconnected(ComponentLink link) {
      queue.disconnected(link);
      // The server announces its XEP-0356 grants again after the next handshake (which may race this
      // listener, so they are cleared here and not on connect).
      privileges.clear();
    }
  }
}
