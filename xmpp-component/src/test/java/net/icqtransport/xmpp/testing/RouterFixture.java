package net.icqtransport.xmpp.testing;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.lenient;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.spy;
import static org.mockito.Mockito.when;

import com.google.common.util.concurrent.MoreExecutors;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.LongSupplier;
import net.icqtransport.core.bridge.Gateway;
import net.icqtransport.core.dispatch.KeyedSequentialExecutor;
import net.icqtransport.core.legacy.LegacyContactId;
import net.icqtransport.core.legacy.LegacyCredentials;
import net.icqtransport.core.registration.ContactSyncStore;
import net.icqtransport.core.registration.MemoryContactSyncStore;
import net.icqtransport.core.registration.Registration;
import net.icqtransport.core.user.UserAddress;
import net.icqtransport.xmpp.ComponentAssembly;
import net.icqtransport.xmpp.access.AccessSettings;
import net.icqtransport.xmpp.address.TransportAddresses;
import net.icqtransport.xmpp.avatar.AvatarCache;
import net.icqtransport.xmpp.command.CommandSessions;
import net.icqtransport.xmpp.disco.TransportPresentation;
import net.icqtransport.xmpp.endpoint.XmppUserEndpoint;
import net.icqtransport.xmpp.privilege.PrivilegeGrants;
import net.icqtransport.xmpp.router.IqRequests;
import net.icqtransport.xmpp.router.StanzaRouter;
import net.icqtransport.xmpp.user.XmppUser;
import net.icqtransport.xmpp.user.XmppUsers;

/**
 * The component's parts as {@code TransportComponent} wires them (the same {@link ComponentAssembly}), over a
 * mocked {@link Gateway} (the port boundary) and a capturing sender: feed it stanzas as XML text (or call the
 * endpoint as the core would) and look at what comes out. The users' lanes run on the calling thread, so
 * everything has happened when a call returns. The mock parses UINs like the ICQ network does (5 to 10 digits)
 * and counts every user as registered unless told otherwise.
 */
public final class RouterFixture {
  public static final String DOMAIN = "icq.localhost";

  public final Gateway gateway = mock(Gateway.class);
  public final CapturingSender sender = new CapturingSender();
  public final FakeAvatarSource avatarSource = new FakeAvatarSource();
  public static final String ADMIN = "admin@localhost";
  public final CommandSessions commandSessions = new CommandSessions(Clock.systemUTC(), Duration.ofMinutes(10));
  /** What the statistics command reports as backlogs. */
  public int inboundBacklog;
  public int outboundBacklog;
  public final PrivilegeGrants privileges = new PrivilegeGrants();
  public final IqRequests iqRequests = new IqRequests(sender, Duration.ofSeconds(5));
  public final TransportAddresses addresses;
  /** Which contacts are in each user's roster (a spy, to verify what the roster sync records). */
  public final ContactSyncStore contactSync = spy(new MemoryContactSyncStore());
  /** Every user's state; messages written get the ids {@code t-m1}, {@code t-m2}, … in order. */
  public final XmppUsers users = new XmppUsers(new KeyedSequentialExecutor<>(MoreExecutors.directExecutor()),
      contactSync, "t", Clock.systemUTC());
  public final AvatarCache avatars;
  public final XmppUserEndpoint endpoint;
  public final StanzaRouter router;

  public RouterFixture() {
    this(AccessSettings.DEFAULTS, System::nanoTime);
  }

  /** A transport presented as {@code presentation} (ICQ by default). */
  public RouterFixture(TransportPresentation presentation) {
    this(AccessSettings.DEFAULTS, System::nanoTime, presentation);
  }

  /** With these access limits, on this clock ({@link System#nanoTime} style). */
  public RouterFixture(AccessSettings access, LongSupplier nanoTime) {
    this(access, nanoTime, TransportPresentation.ICQ);
  }

  private RouterFixture(AccessSettings access, LongSupplier nanoTime, TransportPresentation presentation) {
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
    ComponentAssembly assembly = new ComponentAssembly(new ComponentAssembly.Parts(addresses, gateway, sender,
        iqRequests, privileges, users, access, nanoTime, jid -> jid.toBareJID().equals(ADMIN), () -> inboundBacklog,
        () -> outboundBacklog, commandSessions, null, avatarSource, presentation));
    avatars = assembly.avatars();
    endpoint = assembly.endpoint();
    router = assembly.router();
  }

  /** The user's state on the XMPP side (made if there was none). */
  public XmppUser user(String bareJid) {
    return users.of(new UserAddress(bareJid));
  }

  /** The user's state on the XMPP side (made if there was none). */
  public XmppUser user(UserAddress user) {
    return users.of(user);
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
