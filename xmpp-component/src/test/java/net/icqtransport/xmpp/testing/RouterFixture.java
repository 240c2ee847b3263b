package net.icqtransport.xmpp.testing;

import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.lenient;
import static org.mockito.Mockito.mock;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import net.icqtransport.core.bridge.Gateway;
import net.icqtransport.core.legacy.LegacyContactId;
import net.icqtransport.xmpp.address.TransportAddresses;
import net.icqtransport.xmpp.command.CommandRegistry;
import net.icqtransport.xmpp.command.CommandSessions;
import net.icqtransport.xmpp.command.TransportCommands;
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
import net.icqtransport.xmpp.router.StanzaRouter;
import net.icqtransport.xmpp.state.PresenceBook;
import net.icqtransport.xmpp.state.UserPreferences;
import net.icqtransport.xmpp.state.UserPresenceBook;

/**
 * The router with all handlers, a mocked {@link Gateway} (the port boundary) and a capturing sender: feed it
 * stanzas as XML text and look at what comes out. The mock parses UINs like the ICQ network does: 5 to 10
 * digits.
 */
public final class RouterFixture {
  public static final String DOMAIN = "icq.localhost";

  public final Gateway gateway = mock(Gateway.class);
  public final CapturingSender sender = new CapturingSender();
  public final PresenceBook presences = new PresenceBook();
  public final FakeAvatarSource avatars = new FakeAvatarSource();
  public static final String ADMIN = "admin@localhost";
  public final UserPreferences preferences = new UserPreferences();
  public final UserPresenceBook userPresences = new UserPresenceBook();
  public final CommandSessions commandSessions = new CommandSessions(Clock.systemUTC(), Duration.ofMinutes(10));
  /** What the statistics command reports as backlogs. */
  public int inboundBacklog;
  public int outboundBacklog;
  public final TransportAddresses addresses;
  public final StanzaRouter router;

  public RouterFixture() {
    lenient().when(gateway.parseContactId(anyString())).thenAnswer(invocation -> {
      String text = invocation.getArgument(0);
      if (!text.matches("[0-9]{5,10}")) {
        throw new IllegalArgumentException("not a UIN: " + text);
      }
      return new LegacyContactId(text);
    });
    addresses = new TransportAddresses(DOMAIN, gateway::parseContactId);
    Unregistration unregistration = new Unregistration(sender, gateway, addresses, presences, preferences);
    CommandRegistry commands = TransportCommands.registry(gateway, addresses, sender, preferences, userPresences,
        unregistration, jid -> jid.toBareJID().equals(ADMIN), () -> inboundBacklog, () -> outboundBacklog);
    router = new StanzaRouter(
        addresses,
        sender,
        List.of(
            new DiscoHandler(sender, addresses, commands),
            new RegistrationHandler(sender, gateway, addresses, presences, unregistration),
            new GatewayHandler(sender, addresses, gateway::parseContactId),
            new VersionHandler(sender),
            new PingHandler(sender, gateway, addresses, presences),
            new VCardHandler(sender, gateway, addresses, avatars),
            new SearchHandler(sender, gateway, addresses),
            new CommandsHandler(sender, addresses, commands, commandSessions)),
        new UserPresenceRecorder(userPresences, addresses, new PresenceHandler(sender, gateway, addresses, presences)),
        new MessageHandler(sender, gateway, addresses));
  }

  /** Routes one stanza given as XML text. */
  public void receive(String xml) {
    router.route(Stanzas.parse(xml));
  }
}
