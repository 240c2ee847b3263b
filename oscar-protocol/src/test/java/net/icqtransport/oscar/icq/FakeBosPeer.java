package net.icqtransport.oscar.icq;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.nio.charset.Charset;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import net.icqtransport.core.legacy.LegacyContactId;
import net.icqtransport.oscar.client.EmbeddedConnections;
import net.icqtransport.oscar.client.FlapConnection;
import net.icqtransport.oscar.client.OscarLoginResult;
import net.icqtransport.oscar.flap.FlapFrame;
import net.icqtransport.oscar.snac.Snac;
import net.icqtransport.oscar.snac.SnacIo;
import net.icqtransport.oscar.snac.SnacType;
import net.icqtransport.oscar.snac.service.RateParameters;
import net.icqtransport.oscar.snac.service.ServerFamilies;
import net.icqtransport.oscar.snac.ssi.SsiItem;
import net.icqtransport.oscar.tlv.Tlv;

/**
 * A scripted BOS server for one {@link IcqSession}: the session runs on an {@link EmbeddedChannel} as it would
 * after login; the test feeds SNACs into the pipeline and reads the SNACs the session writes, in order.
 */
final class FakeBosPeer {
  static final String ME = "111111";
  static final Duration ACK_TIMEOUT = Duration.ofSeconds(30);

  final EmbeddedChannel channel = new EmbeddedChannel();
  final RecordingListener listener = new RecordingListener();
  final IcqSession session;
  /** The offline-message request the session sent when it started: 15/02 for a UIN, 04/10 for a screen name. */
  final Snac offlineRequest;
  private long serverRequestId = 0x10000;

  FakeBosPeer(List<SsiItem> contactList) {
    this(contactList, Charset.forName("windows-1252"));
  }

  FakeBosPeer(List<SsiItem> contactList, Charset legacyCodepage) {
    this(ME, Optional.empty(), contactList, legacyCodepage);
  }

  /** A session of {@code account}, a UIN or a normalized AIM screen name, spelled as the account. */
  FakeBosPeer(String account, List<SsiItem> contactList, Charset legacyCodepage) {
    this(account, Optional.empty(), contactList, legacyCodepage);
  }

  /**
   * A session of {@code account} (a UIN or a normalized screen name) whose login's own info spelled it
   * {@code formatted}.
   */
  FakeBosPeer(String account, Optional<String> formatted, List<SsiItem> contactList, Charset legacyCodepage) {
    channel.freezeTime();
    FlapConnection connection = EmbeddedConnections.attach(channel);
    OscarLoginResult login = new OscarLoginResult(connection, account,
        new ServerFamilies(Set.of(0x01, 0x02, 0x03, 0x04, 0x09, 0x13, 0x15)),
        new RateParameters(List.of(), List.of()), Optional.empty(), contactList, formatted);
    IcqNetworkSettings settings = IcqNetworkSettings.defaults("127.0.0.1")
        .withTimeouts(Duration.ofSeconds(10), Duration.ofSeconds(30), ACK_TIMEOUT)
        .withLegacyCodepage(legacyCodepage);
    session = new IcqSession(login, new LegacyContactId(account), listener, settings);
    connection.setListener(session);
    session.start(contactList);
    offlineRequest = sent(IcqNetwork.isUin(account) ? SnacType.ICQ_EXT_REQUEST : SnacType.ICBM_OFFLINE_RETRIEVE);
  }

  static LegacyContactId id(String uin) {
    return new LegacyContactId(uin);
  }

  /** Runs what the session queued on its loop. */
  void run() {
    channel.runPendingTasks();
  }

  /** The server sends a SNAC. */
  void receive(Snac snac) {
    channel.writeInbound(snac.toFrame());
    run();
  }

  /** The server sends a SNAC of {@code type} whose data {@code body} writes. */
  void receive(SnacType type, Consumer<ByteBuf> body) {
    receive(Snac.build(type, serverRequestId++, body));
  }

  /** The server sends an ICBM (04/07) from {@code sender} on {@code channel} with {@code tlvs}. */
  void receiveIcbm(long cookie, int channel, String sender, List<Tlv> userInfoTlvs, Tlv... tlvs) {
    receive(SnacType.ICBM_RECEIVE, out -> {
      out.writeLong(cookie);
      out.writeShort(channel);
      SnacIo.writeScreenName(out, sender);
      out.writeShort(0);
      out.writeShort(userInfoTlvs.size());
      userInfoTlvs.forEach(t -> t.writeTo(out));
      for (Tlv tlv : tlvs) {
        tlv.writeTo(out);
      }
    });
  }

  /** The next SNAC the session wrote. */
  Snac sent() {
    run();
    FlapFrame frame = channel.readOutbound();
    assertNotNull(frame, "the session sent nothing");
    return Snac.fromFrame(frame);
  }

  Snac sent(SnacType type) {
    Snac snac = sent();
    assertTrue(snac.is(type), "expected " + type + ", the session sent " + snac);
    return snac;
  }

  /** Everything the session wrote and nobody read yet. */
  List<Snac> drainSent() {
    run();
    List<Snac> result = new ArrayList<>();
    for (FlapFrame frame = channel.readOutbound(); frame != null; frame = channel.readOutbound()) {
      result.add(Snac.fromFrame(frame));
    }
    return result;
  }

  void assertNothingSent() {
    run();
    Object frame = channel.readOutbound();
    assertNull(frame, "the session sent " + frame);
  }

  /** The outcome of a future the session completes on its loop (which runs first): never blocks. */
  <T> T result(java.util.concurrent.CompletableFuture<T> future) throws java.util.concurrent.ExecutionException {
    run();
    assertTrue(future.isDone(), "the session has not completed the future");
    try {
      return future.get();
    } catch (InterruptedException e) {
      throw new AssertionError(e);
    }
  }

  /** Lets the session's clock run on, firing its timeouts. */
  void advance(Duration duration) {
    channel.advanceTimeBy(duration.toMillis(), TimeUnit.MILLISECONDS);
    channel.runScheduledPendingTasks();
    run();
  }

  /** Closes the session and checks the listener contract and that the channel holds nothing more. */
  void finish() {
    session.close();
    run();
    while (channel.readOutbound() != null) {
      // sign-off and whatever came before it
    }
    listener.assertContractKept();
    assertFalse(channel.finish());
  }

  static ByteBuf buffer(byte[] bytes) {
    return Unpooled.wrappedBuffer(bytes);
  }
}
