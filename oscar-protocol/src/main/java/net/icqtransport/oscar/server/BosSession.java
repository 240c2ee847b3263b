package net.icqtransport.oscar.server;

import io.netty.channel.Channel;
import io.netty.channel.socket.DuplexChannel;
import java.net.Inet4Address;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import net.icqtransport.oscar.flap.FlapFrame;
import net.icqtransport.oscar.snac.Snac;
import net.icqtransport.oscar.tlv.TlvChain;

/**
 * One signed-on BOS connection: who it is, what it told the server about itself (status, DC info,
 * capabilities) and whether it has sent 01/02 (client ready), after which it is online to others. Fields
 * written on the connection's event loop are volatile: other connections read them when routing.
 */
final class BosSession {
  private final Channel channel;
  private final String screenName;
  private final String key;
  private final long signOnTime;
  private final long memberSince;
  /** Logged in without TLV 0x004A (multi-connection flag): a newer login kicks it the old-client way. */
  private final boolean oldClient;
  /** Server-initiated SNACs carry request ids with the top bit set (reference {@code basic}). */
  private final AtomicLong nextRequestId = new AtomicLong(0x80000001L);

  private volatile long status;
  private volatile byte[] dcInfo;
  private volatile byte[] capabilities;
  private volatile boolean ready;
  private volatile boolean retired;
  private volatile byte[] bartHash;
  /** Since when the client says it is idle (01/11), unix seconds; 0 when it is not. */
  private volatile long idleSince;
  /** 02/04 TLVs 0x01-0x04 (profile and away message, each with its MIME type), kept as sent. */
  private volatile TlvChain locationInfo = TlvChain.empty();
  /** Touched only on this connection's event loop. */
  private boolean importTransaction;
  private List<OfflineMessage> offlineDelivered = List.of();

  BosSession(Channel channel, LoginGrant login, long signOnTime) {
    this.channel = channel;
    this.screenName = login.account().screenName();
    this.key = ScreenNames.normalize(login.account().screenName());
    this.signOnTime = signOnTime;
    this.memberSince = login.account().memberSince();
    this.oldClient = login.oldClient();
  }

  String screenName() {
    return screenName;
  }

  /** The normalized screen name, the key of every map in {@link SimulatorState}. */
  String key() {
    return key;
  }

  long nextRequestId() {
    return nextRequestId.getAndUpdate(id -> id == 0xFFFFFFFFL ? 0x80000000L : id + 1);
  }

  void send(Snac snac) {
    channel.writeAndFlush(snac.toFrame());
  }

  /** Runs {@code task} on this connection's event loop, where its SNACs are handled. */
  void onLoop(Runnable task) {
    channel.eventLoop().execute(task);
  }

  /** A frame built by hand (SNACs with a prefix block, reference {@code snac_01_0a}). */
  void send(FlapFrame frame) {
    channel.writeAndFlush(frame);
  }

  /** Closes without a last frame (rate-limit disconnect). */
  void close() {
    channel.close();
  }

  /**
   * Writes the style's last bytes and ends the connection once they are written (after everything sent
   * before): a half-close (FIN) that keeps reading until the client hangs up, closed for good after
   * {@link #LINGER_SECONDS} s. A full close with the client's bytes still unread would make the kernel send a
   * reset, which can destroy the last frame before the client reads it.
   */
  void closeWith(KickStyle style) {
    channel.writeAndFlush(style.lastWrite()).addListener(written -> {
      if (channel instanceof DuplexChannel duplex && channel.isActive()) {
        duplex.shutdownOutput().addListener(shut -> channel.eventLoop().schedule(
            () -> channel.close(), LINGER_SECONDS, TimeUnit.SECONDS));
      } else {
        channel.close();
      }
    });
  }

  /** How long a kicked connection may stay half-open for the client to hang up. */
  static final int LINGER_SECONDS = 2;

  /** Whether its login lacked TLV 0x004A (multi-connection flag), as old clients' logins do. */
  boolean oldClient() {
    return oldClient;
  }

  void status(long status) {
    this.status = status;
  }

  long status() {
    return status;
  }

  void dcInfo(byte[] dcInfo) {
    this.dcInfo = dcInfo;
  }

  void capabilities(byte[] capabilities) {
    this.capabilities = capabilities;
  }

  byte[] capabilities() {
    return capabilities;
  }

  boolean invisible() {
    return (status & SimulatorState.STATUS_INVISIBLE) != 0;
  }

  /** The MD5 of the account's buddy icon, published as TLV 0x1D; null if none. */
  void bartHash(byte[] hash) {
    this.bartHash = hash.clone();
  }

  void locationInfo(TlvChain tlvs) {
    this.locationInfo = tlvs;
  }

  /** Whether the user has an away message set (02/04 TLV 0x04 not empty): its user class then says away. */
  boolean awayMessageSet() {
    return locationInfo.bytes(LocationFamily.TLV_AWAY_MESSAGE).map(b -> b.length > 0).orElse(false);
  }

  /** 01/11: idle for {@code seconds} as of {@code now} (unix s); 0 is not idle. The server counts on. */
  void idle(long seconds, long now) {
    this.idleSince = seconds <= 0 ? 0 : Math.max(1, now - seconds);
  }

  /** Whole minutes idle at {@code now}, 0 when not idle. */
  long idleMinutes(long now) {
    long since = idleSince;
    return since == 0 ? 0 : Math.max(0, now - since) / 60;
  }

  TlvChain locationInfo() {
    return locationInfo;
  }

  /** 13/11 with 0x00010000 (reference {@code snac_13_11}) until 13/12: buddies may be added without auth. */
  boolean importTransaction() {
    return importTransaction;
  }

  void importTransaction(boolean on) {
    this.importTransaction = on;
  }

  /** Offline messages sent by the last 15/02 0x003C, deleted by 0x003E. */
  List<OfflineMessage> offlineDelivered() {
    return offlineDelivered;
  }

  void offlineDelivered(List<OfflineMessage> messages) {
    this.offlineDelivered = List.copyOf(messages);
  }

  boolean ready() {
    return ready;
  }

  void ready(boolean ready) {
    this.ready = ready;
  }

  /** Replaced by a newer login or kicked: its closing is under way, and it no longer counts. */
  boolean retired() {
    return retired;
  }

  void retire() {
    this.retired = true;
    this.ready = false;
  }

  UserInfoBlock presenceBlock(long now) {
    UserInfoBlock block = UserInfoBlocks.withIdleMinutes(UserInfoBlocks.presence(screenName, userClass(), dcInfo,
        externalIp(), status, capabilities, Math.max(0, now - signOnTime), signOnTime), idleMinutes(now));
    byte[] hash = bartHash;
    return hash == null ? block : UserInfoBlocks.withBartId(block, hash);
  }

  /** The fixed part of 02/06 (reference {@code snac_02_06}): the presence TLVs and member since. */
  UserInfoBlock locationBlock(long now) {
    return UserInfoBlocks.withIdleMinutes(UserInfoBlocks.location(screenName, userClass(), status, dcInfo,
        externalIp(), Math.max(0, now - signOnTime), signOnTime, memberSince), idleMinutes(now));
  }

  /** ICQ's user class for a UIN, AIM's for a screen name ("Joe User"), with the away bit while an away message is set. */
  private int userClass() {
    return UserInfoBlocks.userClassOf(screenName) | (awayMessageSet() ? UserInfoBlocks.CLASS_AWAY : 0);
  }

  UserInfoBlock senderBlock(long now) {
    return UserInfoBlocks.withIdleMinutes(UserInfoBlocks.messageSender(screenName, userClass(), status,
        Math.max(0, now - signOnTime), signOnTime), idleMinutes(now));
  }

  UserInfoBlock selfBlock(long now) {
    return UserInfoBlocks.withIdleMinutes(UserInfoBlocks.self(screenName, userClass(), status,
        Math.max(0, now - signOnTime), signOnTime, externalIp(), memberSince), idleMinutes(now));
  }

  private long externalIp() {
    if (channel.remoteAddress() instanceof InetSocketAddress address
        && address.getAddress() instanceof Inet4Address ipv4) {
      byte[] b = ipv4.getAddress();
      return ((b[0] & 0xFFL) << 24) | ((b[1] & 0xFFL) << 16) | ((b[2] & 0xFFL) << 8) | (b[3] & 0xFFL);
    }
    return 0;
  }

  @Override
  public String toString() {
    return "BosSession[" + screenName + (ready ? ", ready" : "") + "]";
  }
}
