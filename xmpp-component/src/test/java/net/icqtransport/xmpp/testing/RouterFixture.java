package net.icqtransport.xmpp.testing;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.lenient;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.LongSupplier;
import net.icqtransport.core.bridge.Gateway;
import net.icqtransport.core.legacy.LegacyContactId;
import net.icqtransport.core.legacy.LegacyCredentials;
import net.icqtransport.core.registration.Registration;
import net.icqtransport.core.user.UserAddress;
import net.icqtransport.xmpp.access.AccessPolicy;
import net.icqtransport.xmpp.access.AccessSettings;
import net.icqtransport.xmpp.address.TransportAddresses;
import net.icqtransport.xmpp.avatar.AvatarCache;
import net.icqtransport.xmpp.command.ChatCommands;
import net.icqtransport.xmpp.command.CommandRegistry;
import net.icqtransport.xmpp.command.CommandSessions;
import net.icqtransport.xmpp.command.TransportCommands;
import net.icqtransport.xmpp.endpoint.ContactPresencePublisher;
import net.icqtransport.xmpp.endpoint.MessageBounces;
import net.icqtransport.xmpp.endpoint.WrittenMessages;
import net.icqtransport.xmpp.endpoint.XmppUserEndpoint;
import net.icqtransport.xmpp.handler.AccountRegistration;
import net.icqtransport.xmpp.handler.CommandsHandler;
import net.icqtransport.xmpp.handler.DiscoHandler;
import net.icqtransport.xmpp.handler.GatewayHandler;
import net.icqtransport.xmpp.handler.MessageHandler;
import net.icqtransport.xmpp.handler.PingHandler;
import net.icqtransport.xmpp.handler.PresenceHandler;
import net.icqtransport.xmpp.handler.RegistrationHandler;
import net.icqtransport.xmpp.handler.SearchHandler;
import net.icqtransport.xmpp.handler.Unregistration;
import net.icqtransport.xmpp.handler.UserPresenceRecorder;
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
import net.icqtransport.xmpp.state.PendingAuthorizations;
import net.icqtransport.xmpp.state.PresenceBook;
import net.icqtransport.xmpp.state.UserPreferences;
import net.icqtransport.xmpp.state.UserPresenceBook;
import net.icqtransport.xmpp.state.UserResources;

/**
 * The router with all handlers, wired like {@code TransportComponent} does, plus the {@link XmppUserEndpoint}
 * sharing their state, a mocked {@link Gateway} (the port boundary) and a capturing sender: feed it stanzas
 * as XML text (or call the endpoint as the core would) and look at what comes out. The mock parses UINs like
 * the ICQ network does (5 to 10 digits) and counts every user as registered unless told otherwise.
 */
public final class RouterFixture {
  public static final String DOMAIN = "icq.localhost";

  public final Gateway gateway = mock(Gateway.class);
  public final CapturingSender sender = new CapturingSender();
  public final PresenceBook presences = new PresenceBook();
  public final FakeAvatarSource avatarSource = new FakeAvatarSource();
  public static final String ADMIN = "admin@localhost";
  public final UserPreferences preferences = new UserPreferences();
  public final UserPresenceBook userPresences = new UserPresenceBook();
  public final CommandSessions commandSessions = new CommandSessions(Clock.systemUTC(), Duration.ofMinutes(10));
  /** What the statistics command reports as backlogs. */
  public int inboundBacklog;
  public int outboundBacklog;
  public final PrivilegeGrants privileges = new PrivilegeGrants();
  public final IqRequests iqRequests = new IqRequests(sender, Duration.ofSeconds(5));
  public final TransportAddresses addresses;
  public final AvatarCache avatars;
  /** The messages the endpoint wrote; ids {@code t-m1}, {@code t-m2}, … in order. */
  public final WrittenMessages written = new WrittenMessages("t", 100, Duration.ofMinutes(10));
  public final XmppUserEndpoint endpoint;
  public final StanzaRouter router;

  public RouterFixture() {
    this(AccessSettings.DEFAULTS, System::nanoTime);
  }

  /** With these access limits, on this clock ({@link System#nanoTime} style). */
  public RouterFixture(AccessSettings access, LongSupplier nanoTime) {
    lenient().when(gateway.parseContactId(anyString())).thenAnswer(invocation -> {
      String text = invocation.getArgument(0);
      if (!text.matches("[0-9]{5,10}")) {
        throw new IllegalArgumentException("not a UIN: " + text);
      }
      return new LegacyContactId(text);
    });
    lenient().when(gateway.registration(any()))
        .thenAnswer(invocation -> Optional.ofNullable(registration(invocation.getArgument(0))));
    lenient().when(gateway.fetchStatusMessage(any(), any())).thenReturn(CompletableFuture.completedFuture(Optional.empty()));
    lenient().when(gateway.fetchAvatar(any(), any(), any()))
        .thenReturn(CompletableFuture.failedFuture(new UnsupportedOperationException("avatars")));
    addresses = new TransportAddresses(DOMAIN, gateway::parseContactId);
    UserResources resources = new UserResources();
    PendingAuthorizations authorizations = new PendingAuthorizations();
    ClientFeatures clientFeatures = new ClientFeatures(iqRequests, addresses);
    RosterSync roster = new RosterSync(sender, addresses, gateway, privileges,
        new PrivilegedRoster(iqRequests, addresses), clientFeatures, presences);
    avatars = new AvatarCache(gateway);
    endpoint = new XmppUserEndpoint(sender, addresses, presences, gateway, roster,
        new ContactPresencePublisher(sender, addresses, presences, gateway, avatars), authorizations, written);
    Unregistration unregistration = new Unregistration(sender, gateway, addresses, presences, preferences, roster);
    AccountRegistration registration = new AccountRegistration(sender, gateway, addresses, presences);
    CommandRegistry commands = TransportCommands.registry(gateway, addresses, sender, preferences, userPresences,
        unregistration, registration, jid -> jid.toBareJID().equals(ADMIN), () -> inboundBacklog,
        () -> outboundBacklog);
    ChatCommands chatCommands = new ChatCommands(sender, gateway, addresses, presences, preferences, unregistration,
        commands);
    router = new StanzaRouter(
        addresses,
        sender,
        List.of(
            new DiscoHandler(sender, addresses, commands),
            new RegistrationHandler(sender, gateway, addresses, registration, unregistration),
            new GatewayHandler(sender, addresses, gateway::parseContactId),
            new VersionHandler(sender),
            new PingHandler(sender, gateway, addresses, presences),
            new VCardHandler(sender, gateway, addresses, avatarSource),
            new SearchHandler(sender, gateway, addresses),
            new CommandsHandler(sender, addresses, commands, commandSessions),
            new RosterPushHandler(sender, gateway, addresses, privileges)),
        new UserPresenceRecorder(userPresences, addresses,
            new PresenceHandler(sender, gateway, addresses, presences, resources, clientFeatures, authorizations,
                preferences)),
        new PrivilegeMessageListener(privileges, new MessageHandler(sender, gateway, addresses, presences, chatCommands)),
        new MessageBounces(written, gateway, addresses),
        iqRequests,
        RegistrationCheck.of(gateway),
        new AccessPolicy(access, DOMAIN, nanoTime));
  }

  /** Routes one stanza given as XML text. */
  public void receive(String xml) {
    router.route(Stanzas.parse(xml));
  }

  /** From now on the gateway says the user is not registered. */
  public void unregistered(String bareJid) {
    when(gateway.registration(new UserAddress(bareJid))).thenReturn(Optional.empty());
  }

  private static Registration registration(UserAddress user) {
    if (user == null) { // a stubbing call with any()
      return null;
    }
    return new Registration(user, new LegacyCredentials(new LegacyContactId("100001"), "secret"), Instant.EPOCH);
  }
}
