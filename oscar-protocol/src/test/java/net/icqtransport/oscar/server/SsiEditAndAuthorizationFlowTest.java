package net.icqtransport.oscar.server;

import static net.icqtransport.oscar.server.FlowSupport.awaitTrue;
import static net.icqtransport.oscar.server.FlowSupport.results;
import static net.icqtransport.oscar.server.FlowSupport.screenName;
import static net.icqtransport.oscar.server.FlowSupport.writeItem;
import static net.icqtransport.oscar.server.FlowSupport.writeScreenName;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import net.icqtransport.oscar.snac.Snac;
import net.icqtransport.oscar.tlv.Tlv;
import net.icqtransport.oscar.tlv.TlvChain;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** SSI edits (13/08-0A, 13/0E) and the authorization sequence of reference icq_ssi_auth, over real TCP. */
class SsiEditAndAuthorizationFlowTest {
  private static final String ALICE = "111111";
  private static final String CAROL = "333333";
  private static final String DAVE = "444444";
  private static final int GROUP = 0x0101;

  private OscarSimulator simulator;
  private final List<TestFlapClient> clients = new ArrayList<>();

  @BeforeEach
  void start() {
    simulator = OscarSimulator.builder()
        .account(ALICE, "alicepw").account(CAROL, "carolpw").account(DAVE, "davepw")
        .requireAuthorization(DAVE)
        .start();
  }

  @AfterEach
  void stop() {
    clients.forEach(TestFlapClient::close);
    simulator.close();
  }

  @Test
  void addBuddyGetsOkPresenceAndYouWereAdded() throws Exception {
    TestFlapClient carol = signOn(CAROL, "carolpw");
    TestFlapClient alice = signOn(ALICE, "alicepw");
    awaitTrue(() -> simulator.isOnline(ALICE) && simulator.isOnline(CAROL));
    alice.send(0x13, 0x11);
    long id = alice.send(0x13, 0x08, out -> {
      writeItem(out, "Friends", GROUP, 0, 1, TlvChain.empty());
      writeItem(out, CAROL, GROUP, 0x0202, 0, TlvChain.of(Tlv.ofAscii(0x0131, "Carol")));
    });
    alice.send(0x13, 0x12);
    Snac ack = alice.awaitSnac(0x13, 0x0E);
    assertEquals(id, ack.requestId());
    assertEquals(List.of(0, 0), results(ack));
    assertEquals(CAROL, screenName(alice.awaitSnac(0x03, 0x0B)));
    assertEquals(ALICE, screenName(carol.awaitSnac(0x13, 0x1C)));

    long again = alice.send(0x13, 0x08, out -> writeItem(out, CAROL, GROUP, 0x0303, 0, TlvChain.empty()));
    assertEquals(List.of(3), results(awaitAck(alice, again)));
    long sameIds = alice.send(0x13, 0x08, out -> writeItem(out, "555555", GROUP, 0x0202, 0, TlvChain.empty()));
    assertEquals(List.of(3), results(awaitAck(alice, sameIds)));
    long invalid = alice.send(0x13, 0x08, out -> writeItem(out, "555555", 0, 0x0404, 0, TlvChain.empty()));
    assertEquals(List.of(0x0A), results(awaitAck(alice, invalid)));
  }

  @Test
  void updateAndDeletePersistAndReportNotFound() throws Exception {
    TestFlapClient alice = signOn(ALICE, "alicepw");
    long add = alice.send(0x13, 0x08, out -> writeItem(out, CAROL, GROUP, 0x0202, 0, TlvChain.empty()));
    assertEquals(List.of(0), results(awaitAck(alice, add)));
    long update = alice.send(0x13, 0x09, out -> {
      writeItem(out, CAROL, GROUP, 0x0202, 0, TlvChain.of(Tlv.ofAscii(0x0131, "Caz")));
      writeItem(out, "555555", GROUP, 0x0999, 0, TlvChain.empty());
    });
    assertEquals(List.of(0, 2), results(awaitAck(alice, update)));
    alice.close();

    // A fresh login (the second kicks nobody now) sees the edited list.
    TestFlapClient again = signOn(ALICE, "alicepw");
    long listId = again.send(0x13, 0x04);
    Snac list = again.awaitSnac(0x13, 0x06);
    assertEquals(listId, list.requestId());
    assertTrue(new String(list.data(), StandardCharsets.ISO_8859_1).contains("Caz"), "updated nickname stored");
    long delete = again.send(0x13, 0x0A, out -> writeItem(out, CAROL, GROUP, 0x0202, 0, TlvChain.empty()));
    assertEquals(List.of(0), results(awaitAck(again, delete)));
    long deleteAgain = again.send(0x13, 0x0A, out -> writeItem(out, CAROL, GROUP, 0x0202, 0, TlvChain.empty()));
    assertEquals(List.of(2), results(awaitAck(again, deleteAgain)));
  }

  @Test
  void buddyLimitIsTheAnnounced600() throws Exception {
    TestFlapClient alice = signOn(ALICE, "alicepw");
    long id = alice.send(0x13, 0x08, out -> {
      for (int i = 1; i <= 601; i++) {
        writeItem(out, Integer.toString(500000 + i), GROUP, i, 0, TlvChain.empty());
      }
    });
    List<Integer> results = results(awaitAck(alice, id));
    assertEquals(601, results.size());
    assertEquals(Collections.nCopies(600, 0), results.subList(0, 600));
    assertEquals(0x0C, results.get(600));
  }

  @Test
  void authorizationRequiredThenRequestedAndGranted() throws Exception {
    TestFlapClient dave = signOn(DAVE, "davepw");
    TestFlapClient alice = signOn(ALICE, "alicepw");
    awaitTrue(() -> simulator.isOnline(DAVE) && simulator.isOnline(ALICE));
    long plain = alice.send(0x13, 0x08, out -> writeItem(out, DAVE, GROUP, 0x0202, 0, TlvChain.empty()));
    assertEquals(List.of(0x0E), results(awaitAck(alice, plain)));
    long awaiting = alice.send(0x13, 0x08,
        out -> writeItem(out, DAVE, GROUP, 0x0202, 0, TlvChain.of(Tlv.ofAscii(0x0131, "Dave"), Tlv.empty(0x0066))));
    assertEquals(List.of(0), results(awaitAck(alice, awaiting)));
    assertTrue(alice.noSnacWithin(Duration.ofMillis(200), 0x03, 0x0B), "presence withheld until authorized");

    alice.send(0x13, 0x18, out -> {
      writeScreenName(out, DAVE);
      out.writeShort(6);
      out.writeBytes("please".getBytes(StandardCharsets.US_ASCII));
      out.writeShort(0);
    });
    Snac request = dave.awaitSnac(0x13, 0x19);
    ByteBuf in = request.dataBuffer();
    assertEquals(ALICE, screenName(in));
    byte[] reason = new byte[in.readUnsignedShort()];
    in.readBytes(reason);
    assertEquals("please", new String(reason, StandardCharsets.US_ASCII));

    dave.send(0x13, 0x1A, out -> {
      writeScreenName(out, ALICE);
      out.writeByte(1);
      out.writeShort(2);
      out.writeBytes("ok".getBytes(StandardCharsets.US_ASCII));
    });
    Snac reply = alice.awaitSnac(0x13, 0x1B);
    ByteBuf r = reply.dataBuffer();
    assertEquals(DAVE, screenName(r));
    assertEquals(1, r.readUnsignedByte());
    alice.awaitSnac(0x13, 0x11);
    Snac update = alice.awaitSnac(0x13, 0x09);
    ByteBuf item = update.dataBuffer();
    item.skipBytes(item.readUnsignedShort() + 6);
    TlvChain data = TlvChain.readLengthPrefixed(item);
    assertFalse(data.contains(0x0066), "TLV 0x0066 cleared");
    assertEquals("Dave", data.ascii(0x0131).orElseThrow());
    alice.awaitSnac(0x13, 0x12);
    assertEquals(DAVE, screenName(alice.awaitSnac(0x03, 0x0B)));
  }

  @Test
  void declinedAuthorizationKeepsPresenceWithheld() throws Exception {
    TestFlapClient dave = signOn(DAVE, "davepw");
    TestFlapClient alice = signOn(ALICE, "alicepw");
    long awaiting = alice.send(0x13, 0x08,
        out -> writeItem(out, DAVE, GROUP, 0x0202, 0, TlvChain.of(Tlv.empty(0x0066))));
    assertEquals(List.of(0), results(awaitAck(alice, awaiting)));
    dave.send(0x13, 0x1A, out -> {
      writeScreenName(out, ALICE);
      out.writeByte(0);
      out.writeShort(5);
      out.writeBytes("sorry".getBytes(StandardCharsets.US_ASCII));
    });
    ByteBuf r = alice.awaitSnac(0x13, 0x1B).dataBuffer();
    assertEquals(DAVE, screenName(r));
    assertEquals(0, r.readUnsignedByte());
    assertTrue(alice.noSnacWithin(Duration.ofMillis(200), 0x03, 0x0B));
  }

  @Test
  void authorizationRequestToOfflineUserIsAnError() throws Exception {
    TestFlapClient alice = signOn(ALICE, "alicepw");
    long id = alice.send(0x13, 0x18, out -> {
      writeScreenName(out, DAVE);
      out.writeShort(0);
      out.writeShort(0);
    });
    Snac error = alice.awaitSnac(0x13, 0x01);
    assertEquals(id, error.requestId());
    assertEquals(4, error.dataBuffer().readUnsignedShort());
  }

  @Test
  void futureAuthorizationLetsTheGranteeAddWithoutAsking() throws Exception {
    TestFlapClient dave = signOn(DAVE, "davepw");
    TestFlapClient alice = signOn(ALICE, "alicepw");
    awaitTrue(() -> simulator.isOnline(ALICE));
    dave.send(0x13, 0x14, out -> {
      writeScreenName(out, ALICE);
      out.writeShort(4);
      out.writeBytes("sure".getBytes(StandardCharsets.US_ASCII));
      out.writeShort(0);
    });
    assertEquals(DAVE, screenName(alice.awaitSnac(0x13, 0x15)));
    long add = alice.send(0x13, 0x08, out -> writeItem(out, DAVE, GROUP, 0x0202, 0, TlvChain.empty()));
    assertEquals(List.of(0), results(awaitAck(alice, add)));
    assertEquals(DAVE, screenName(alice.awaitSnac(0x03, 0x0B)));
  }

  private static Snac awaitAck(TestFlapClient client, long requestId) throws InterruptedException {
    Snac ack = client.awaitSnac(0x13, 0x0E);
    assertEquals(requestId, ack.requestId());
    return ack;
  }

  private TestFlapClient signOn(String uin, String password) throws Exception {
    TestFlapClient client = TestLogins.signOn(simulator, uin, password);
    clients.add(client);
    return client;
  }
}
