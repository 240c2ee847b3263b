package net.icqtransport.xmpp;

import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.IntSupplier;
import java.util.function.LongSupplier;
import java.util.function.Predicate;
import net.icqtransport.core.bridge.Gateway;
import net.icqtransport.xmpp.access.AccessPolicy;
import net.icqtransport.xmpp.access.AccessSettings;
import net.icqtransport.xmpp.address.TransportAddresses;
import net.icqtransport.xmpp.avatar.AvatarCache;
import net.icqtransport.xmpp.avatar.AvatarSource;
import net.icqtransport.xmpp.command.BlockedContactsCommand;
import net.icqtransport.xmpp.command.ChatCommands;
import net.icqtransport.xmpp.command.CommandRegistry;
import net.icqtransport.xmpp.command.CommandSessions;
import net.icqtransport.xmpp.command.TransportCommands;
import net.icqtransport.xmpp.disco.TransportPresentation;
import net.icqtransport.xmpp.endpoint.ContactPresencePublisher;
import net.icqtransport.xmpp.endpoint.MessageBounces;
import net.icqtransport.xmpp.endpoint.XmppUserEndpoint;
import net.icqtransport.xmpp.filetransfer.FileOfferRelay;
import net.icqtransport.xmpp.filetransfer.FileTransferSettings;
import net.icqtransport.xmpp.filetransfer.HttpUploadClient;
import net.icqtransport.xmpp.filetransfer.OobFileForwarder;
import net.icqtransport.xmpp.handler.AccountRegistration;
import net.icqtransport.xmpp.handler.BlockingHandler;
import net.icqtransport.xmpp.handler.CommandsHandler;
import net.icqtransport.xmpp.handler.DiscoHandler;
import net.icqtransport.xmpp.handler.GatewayHandler;
import net.icqtransport.xmpp.handler.MessageHandler;
import net.icqtransport.xmpp.handler.PingHandler;
import net.icqtransport.xmpp.handler.PresenceHandler;
import net.icqtransport.xmpp.handler.RegistrationHandler;
import net.icqtransport.xmpp.handler.SearchHandler;
import net.icqtransport.xmpp.handler.Unregistration;
import net.icqtransport.xmpp.handler.VCardHandler;
import net.icqtransport.xmpp.handler.VersionHandler;
import net.icqtransport.xmpp.muc.RoomEvents;
import net.icqtransport.xmpp.muc.RoomInvitations;
import net.icqtransport.xmpp.muc.RoomMessages;
import net.icqtransport.xmpp.muc.RoomPresences;
import net.icqtransport.xmpp.muc.RoomRouting;
import net.icqtransport.xmpp.muc.RoomStanzas;
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
import net.icqtransport.xmpp.stanza.StanzaSender;
import net.icqtransport.xmpp.user.XmppUsers;
import org.xmpp.packet.JID;

/**
 * The component's parts wired together once: the users' state ({@link XmppUsers}), the stanza router with every
 * handler, the endpoint the bridge calls, the take-over probe and the avatar cache. {@link TransportComponent}
 * builds one over its stream and the tests build one over a capturing sender (the test fixture), so both run
 * the same wiring.
 */
public final class ComponentAssembly {

  /**
   * What the assembly is made from.
   *
   * @param sender where every stanza goes (the outbound queue, behind XEP-0115 caps)
   * @param isAdmin who may use the admin commands (XEP-0133)
   * @param inboundBacklog, outboundBacklog what the statistics command reports
   * @param commandSessions the ad-hoc commands' sessions (XEP-0050 §3.4)
   * @param fileTransfers ICQ ⇄ Jabber files, or null when off
   * @param vcardPhotos the vCard PHOTO source; null: the contact's announced avatar from the cache
   * @param presentation what the transport calls itself: disco identity, registration and gateway prompts
   */
  public record Parts(
      TransportAddresses addresses,
      Gateway gateway,
      StanzaSender sender,
      IqRequests iqRequests,
      PrivilegeGrants privileges,
      XmppUsers users,
      AccessSettings access,
      LongSupplier nanoTime,
      Predicate<JID> isAdmin,
      IntSupplier inboundBacklog,
      IntSupplier outboundBacklog,
      CommandSessions commandSessions,
      FileTransferSettings fileTransfers,
      AvatarSource vcardPhotos,
      TransportPresentation presentation) {
    public Parts {
      Objects.requireNonNull(addresses, "addresses");
      Objects.requireNonNull(gateway, "gateway");
      Objects.requireNonNull(sender, "sender");
      Objects.requireNonNull(iqRequests, "iqRequests");
      Objects.requireNonNull(privileges, "privileges");
      Objects.requireNonNull(users, "users");
      Objects.requireNonNull(access, "access");
      Objects.requireNonNull(nanoTime, "nanoTime");
      Objects.requireNonNull(isAdmin, "isAdmin");
      Objects.requireNonNull(inboundBacklog, "inboundBacklog");
      Objects.requireNonNull(outboundBacklog, "outboundBacklog");
      Objects.requireNonNull(commandSessions, "commandSessions");
      Objects.requireNonNull(presentation, "presentation");
    }

    /** The parts of an ICQ gateway (the default presentation). */
    public Parts(TransportAddresses addresses, Gateway gateway, StanzaSender sender, IqRequests iqRequests,
        PrivilegeGrants privileges, XmppUsers users, AccessSettings access, LongSupplier nanoTime,
        Predicate<JID> isAdmin, IntSupplier inboundBacklog, IntSupplier outboundBacklog,
        CommandSessions commandSessions, FileTransferSettings fileTransfers, AvatarSource vcardPhotos) {
      this(addresses, gateway, sender, iqRequests, privileges, users, access, nanoTime, isAdmin, inboundBacklog,
          outboundBacklog, commandSessions, fileTransfers, vcardPhotos, TransportPresentation.ICQ);
    }
  }

  /** How long after one take-over probe of a user the next may follow (docs/scaling.md). */
  static final Duration TAKE_OVER_PROBE_INTERVAL = Duration.ofSeconds(5);

  private final XmppUsers users;
  private final XmppUserEndpoint endpoint;
  private final StanzaRouter router;
  private final TakeOverProbe takeOver;
  private final AvatarCache avatars;

  public ComponentAssembly(Parts parts) {
    Gateway gateway = parts.gateway();
    TransportAddresses addresses = parts.addresses();
    StanzaSender sender = parts.sender();
    this.users = parts.users();
    // Roster sync, subscriptions, authorization, avatars and chat states (XEP-0100 §5, 0356, 0144, 0153, 0085).
    ClientFeatures clientFeatures = new ClientFeatures(parts.iqRequests(), addresses);
    RosterSync roster = new RosterSync(sender, addresses, parts.privileges(),
        new PrivilegedRoster(parts.iqRequests(), addresses), clientFeatures, users);
    this.avatars = new AvatarCache(gateway);
    ContactPresencePublisher contactPresences = new ContactPresencePublisher(sender, addresses, users, avatars);
    // ICQ chat rooms as XEP-0045 rooms (issue #18).
    RoomStanzas roomStanzas = new RoomStanzas(addresses);
    RoomEvents roomEvents = new RoomEvents(sender, users, roomStanzas);
    RoomInvitations roomInvitations = new RoomInvitations(sender, gateway, addresses, users);
    RoomPresences roomPresences = new RoomPresences(sender, gateway, addresses, users, roomStanzas, roomEvents);
    RoomMessages roomMessages = new RoomMessages(sender, gateway, addresses, users, roomInvitations);
    this.endpoint = new XmppUserEndpoint(sender, addresses, users, gateway, roster, contactPresences, roomEvents,
        roomInvitations);
    OobFileForwarder oobFiles = null;
    FileTransferSettings files = parts.fileTransfers();
    if (files != null) {
      HttpClient http = HttpClient.newBuilder()
          .connectTimeout(files.httpTimeout()).followRedirects(HttpClient.Redirect.NORMAL).build();
      endpoint.fileTransfers(new FileOfferRelay(sender, addresses,
          new HttpUploadClient(parts.iqRequests(), addresses.domain(), http, files.httpTimeout()), files));
      oobFiles = new OobFileForwarder(gateway, http, files);
    }
    AvatarSource vcardPhotos = parts.vcardPhotos() != null ? parts.vcardPhotos()
        : (user, contact) -> contactPresences.avatarOf(user, contact)
            .map(id -> avatars.avatar(user, contact, id))
            .orElseGet(() -> CompletableFuture.completedFuture(Optional.empty()));
    // XMPP services: ad-hoc commands (XEP-0050/0133), chat commands, shared (un)registration.
    Unregistration unregistration = new Unregistration(sender, gateway, addresses, users, roster);
    AccountRegistration registration = new AccountRegistration(sender, gateway, addresses, users);
    CommandRegistry commands = TransportCommands.registry(gateway, addresses, sender, users, unregistration,
        registration, parts.isAdmin(), parts.inboundBacklog(), parts.outboundBacklog(), parts.presentation());
    ChatCommands chatCommands = new ChatCommands(sender, gateway, addresses, users, unregistration, commands);
    this.router = new StanzaRouter(
        addresses,
        sender,
        List.of(
            new DiscoHandler(sender, addresses, commands, users, parts.presentation()),
            new RegistrationHandler(sender, gateway, addresses, registration, unregistration, parts.presentation()),
            new GatewayHandler(sender, addresses, gateway::parseContactId, parts.presentation()),
            new VersionHandler(sender),
            new PingHandler(sender, gateway, addresses, users),
            new VCardHandler(sender, gateway, addresses, vcardPhotos, parts.presentation()),
            new SearchHandler(sender, gateway, addresses),
            new CommandsHandler(sender, addresses, commands, parts.commandSessions()),
            new RosterPushHandler(sender, gateway, addresses, parts.privileges(), users),
            new BlockingHandler(sender, addresses,
                commands.require(BlockedContactsCommand.NODE, BlockedContactsCommand.class).blocking(),
                RegistrationCheck.of(gateway))),
        RoomRouting.presences(roomPresences, new PresenceHandler(sender, gateway, addresses, users, clientFeatures),
            addresses),
        RoomRouting.messages(roomMessages, new PrivilegeMessageListener(parts.privileges(),
            new MessageHandler(sender, gateway, addresses, users, chatCommands, oobFiles))),
        new MessageBounces(users, gateway, addresses),
        parts.iqRequests(),
        RegistrationCheck.of(gateway),
        new AccessPolicy(parts.access(), addresses.domain().getDomain(), parts.nanoTime()));
    this.takeOver = new TakeOverProbe(addresses, sender, user -> gateway.registration(user).isPresent(),
        gateway::hasSession, users, TAKE_OVER_PROBE_INTERVAL, Clock.systemUTC());
  }

  /** Every user's state on the XMPP side. */
  public XmppUsers users() {
    return users;
  }

  /** What the bridge calls (the component's {@code UserEndpoint}). */
  public XmppUserEndpoint endpoint() {
    return endpoint;
  }

  /** Routes every inbound stanza to its handler. */
  public StanzaRouter router() {
    return router;
  }

  /** Probes users who arrive from another instance (several instances only). */
  public TakeOverProbe takeOver() {
    return takeOver;
  }

  /** Contacts' avatar images (XEP-0153). */
  public AvatarCache avatars() {
    return avatars;
  }
}
