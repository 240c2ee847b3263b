package net.icqtransport.distribution.e2e;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import net.icqtransport.core.legacy.FileTransferException;
import net.icqtransport.core.legacy.LegacyContactId;
import net.icqtransport.core.legacy.LegacyStatus;
import net.icqtransport.distribution.e2e.IcqUser.FileOffer;
import net.icqtransport.oscar.icq.IcqFileTransferSettings;
import net.icqtransport.oscar.icq.IcqNetwork;
import net.icqtransport.oscar.icq.IcqNetworkSettings;
import net.icqtransport.oscar.oft.OftChecksum;
import net.icqtransport.oscar.server.OscarSimulator;
import net.icqtransport.xmpp.testing.ProsodyServer;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.packet.StandardExtensionElement;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.jxmpp.jid.impl.JidCreate;

/**
 * Files both ways through a real Prosody 0.12 with mod_http_file_share (XEP-0363): an ICQ contact's file arrives
 * as an upload link (XEP-0066) whose content is byte-identical; a Jabber user's OOB link arrives at the ICQ
 * contact as an OFT transfer, byte-identical; a file over files.max-size is refused and the user told why.
 */
class FileTransferEndToEndTest extends TransportEndToEndTest {
  private static final String BOB = "100002";
  private static final long MAX_SIZE = 50_000;
  private IcqNetwork bobNetwork;
  private HttpServer web;

  @Override
  protected void configureSimulator(OscarSimulator.Builder builder) {
    builder.account(BOB, "bob-pw")
        .contact(ALICE_UIN, BOB, "Bob", "Friends")
        .contact(BOB, ALICE_UIN, "Alice", "Friends");
  }

  @Override
  protected void configureProsody(ProsodyServer server) {
    server.enableHttpFileShare(1_000_000);
  }

  @Override
  protected Map<String, Object> transportSettings() {
    return Map.of("icq-transport.files.enabled", true,
        "icq-transport.files.max-size", MAX_SIZE,
        "icq-transport.files.listen-host", "127.0.0.1",
        "icq-transport.files.advertised-address", "127.0.0.1");
  }

  @AfterEach
  void stopBob() {
    if (bobNetwork != null) {
      bobNetwork.close();
    }
    if (web != null) {
      web.stop(0);
    }
  }

  /** Bob with our OSCAR client, file transfers on, once he sees Alice online through the transport. */
  private IcqUser bob() throws Exception {
    bobNetwork = new IcqNetwork(IcqNetworkSettings.defaults("127.0.0.1")
        .withLoginPort(simulator.loginAddress().getPort()))
        .enableFileTransfers(IcqFileTransferSettings.defaults().withListener("127.0.0.1", "127.0.0.1", 0, 0), 2);
    IcqUser bob = IcqUser.login(bobNetwork, BOB, "bob-pw", WAIT);
    bob.next(IcqUser.Presence.class, p -> p.from().equals(ALICE_UIN)
        && p.presence().status() == LegacyStatus.ONLINE, WAIT);
    return bob;
  }

  private static byte[] randomFile(int size, long seed) {
    byte[] bytes = new byte[size];
    new Random(seed).nextBytes(bytes);
    return bytes;
  }

  @Test
  void aFileFromIcqArrivesAsAnUploadLinkAndAnOversizedOneIsRefused() throws Exception {
    startTransport();
    JabberClient alice = registeredAlice();
    IcqUser bob = bob();

    byte[] photo = randomFile(20_000, 7);
    CompletableFuture<Void> sent = bob.session().sendFile(new LegacyContactId(ALICE_UIN), "photo.jpg", photo);
    Message link;
    try {
      link = alice.nextMessageFrom(jid(BOB), m -> m.getBody() != null, WAIT);
    } catch (AssertionError e) {
      throw new AssertionError("no link; the ICQ side's send: " + sent, e);
    }
    StandardExtensionElement oob = link.getExtension("x", "jabber:x:oob");
    assertNotNull(oob, "an XEP-0066 element: " + link.toXML());
    String url = oob.getFirstElement("url").getText();
    assertTrue(link.getBody().contains(url), link.getBody());
    assertTrue(url.startsWith("http://127.0.0.1:" + prosody.httpPort() + "/"), url);
    HttpResponse<byte[]> download = HttpClient.newHttpClient().send(
        HttpRequest.newBuilder(URI.create(url)).timeout(WAIT).build(), HttpResponse.BodyHandlers.ofByteArray());
    assertEquals(200, download.statusCode());
    assertArrayEquals(photo, download.body());
    assertEquals(OftChecksum.of(photo), OftChecksum.of(download.body()));
    sent.get(WAIT.toSeconds(), TimeUnit.SECONDS);

    CompletableFuture<Void> big = bob.session().sendFile(new LegacyContactId(ALICE_UIN), "big.iso",
        randomFile((int) MAX_SIZE + 1, 8));
    Message refusal = alice.nextMessageFrom(jid(BOB), m -> m.getBody() != null, WAIT);
    assertTrue(refusal.getBody().contains("big.iso") && refusal.getBody().contains("larger than"),
        refusal.getBody());
    ExecutionException e = assertThrows(ExecutionException.class, () -> big.get(WAIT.toSeconds(), TimeUnit.SECONDS));
    assertEquals(FileTransferException.Reason.CANCELLED,
        assertInstanceOf(FileTransferException.class, e.getCause()).reason());
  }

  @Test
  void anOobLinkFromJabberArrivesAtIcqAsAFile() throws Exception {
    byte[] report = randomFile(30_000, 9);
    web = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    web.createContext("/upload/report.pdf", exchange -> {
      exchange.sendResponseHeaders(200, report.length);
      exchange.getResponseBody().write(report);
      exchange.close();
    });
    web.start();
    String url = "http://127.0.0.1:" + web.getAddress().getPort() + "/upload/report.pdf";

    startTransport();
    JabberClient alice = registeredAlice();
    IcqUser bob = bob();

    Message message = alice.connection().getStanzaFactory().buildMessageStanza()
        .to(JidCreate.from(jid(BOB))).ofType(Message.Type.chat).setBody(url)
        .addExtension(StandardExtensionElement.builder("x", "jabber:x:oob").addElement("url", url).build())
        .build();
    alice.send(message);
    FileOffer offer = bob.next(FileOffer.class, WAIT);
    assertEquals(ALICE_UIN, offer.from());
    assertEquals("report.pdf", offer.offer().fileName());
    byte[] received = offer.offer().accept(1_000_000).get(WAIT.toSeconds(), TimeUnit.SECONDS);
    assertArrayEquals(report, received);
  }
}
