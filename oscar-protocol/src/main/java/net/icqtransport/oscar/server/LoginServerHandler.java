package net.icqtransport.oscar.server;

import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import net.icqtransport.oscar.OscarProtocolException;
import net.icqtransport.oscar.flap.FlapFrame;
import net.icqtransport.oscar.snac.Snac;
import net.icqtransport.oscar.snac.SnacType;
import net.icqtransport.oscar.tlv.TlvChain;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The authorization server (reference {@code login}, stage I), one instance per connection. Accepts the MD5
 * login (17/06 → 17/07, 17/02 → 17/03) and the legacy channel-1 login (roasted password, reply on channel 4,
 * then close). Success hands out a single-use cookie for the BOS server.
 */
final class LoginServerHandler extends SimpleChannelInboundHandler<FlapFrame> {
  private static final Logger LOG = LoggerFactory.getLogger(LoginServerHandler.class);
  private static final String ERROR_URL = "http://www.icq.com/password/";
  private static final int KEY_DIGITS = 10;

  private final SimulatorState state;
  /** MD5 keys handed out on this connection, by normalized screen name. */
  private final Map<String, byte[]> keys = new HashMap<>();
  private boolean helloSeen;

  LoginServerHandler(SimulatorState state) {
    this.state = state;
  }

  @Override
  public void channelActive(ChannelHandlerContext ctx) {
    ctx.writeAndFlush(ServerSnacs.signOnHello());
    ctx.fireChannelActive();
  }

  @Override
  protected void channelRead0(ChannelHandlerContext ctx, FlapFrame frame) {
    switch (frame.channel()) {
      case SIGNON -> onSignOn(ctx, SignOnFrame.parse(frame));
      case DATA -> {
        if (!helloSeen) {
          throw new OscarProtocolException("SNAC before the channel-1 hello");
        }
        onSnac(ctx, Snac.fromFrame(frame));
      }
      case SIGNOFF -> ctx.close();
      case KEEPALIVE, ERROR -> { }
    }
  }

  private void onSignOn(ChannelHandlerContext ctx, SignOnFrame signOn) {
    if (helloSeen) {
      throw new OscarProtocolException("second channel-1 frame on the login connection");
    }
    helloSeen = true;
    if (!signOn.isLegacyLogin()) {
      return;
    }
    String screenName = signOn.tlvs().ascii(SignOnFrame.TLV_SCREEN_NAME).orElseThrow();
    byte[] roasted = signOn.tlvs().bytes(SignOnFrame.TLV_ROASTED_PASSWORD).orElseThrow();
    String password = new String(PasswordHashes.roast(roasted), StandardCharsets.ISO_8859_1);
    TlvChain reply = authorize(ctx, screenName, !signOn.multiConnection(),
        account -> account.password().equals(password));
    ctx.writeAndFlush(ServerSnacs.channelFour(reply)).addListener(ChannelFutureListener.CLOSE);
  }

  private void onSnac(ChannelHandlerContext ctx, Snac snac) {
    Optional<SnacType> type = SnacType.of(snac);
    if (type.isEmpty()) {
      ctx.writeAndFlush(ServerSnacs.error(snac.family(), snac.requestId(), 0x0001).toFrame());
      return;
    }
    switch (type.get()) {
      case AUTH_KEY_REQUEST -> onKeyRequest(ctx, snac);
      case AUTH_LOGIN_REQUEST -> onMd5Login(ctx, snac);
      default -> ctx.writeAndFlush(ServerSnacs.error(snac.family(), snac.requestId(), 0x0001).toFrame());
    }
  }

  /** 17/06: a key for a known account; for an unknown one the reference's 17/03 with an error code. */
  private void onKeyRequest(ChannelHandlerContext ctx, Snac snac) {
    String screenName = TlvChain.readChain(snac.dataBuffer()).ascii(SignOnFrame.TLV_SCREEN_NAME)
        .orElseThrow(() -> new OscarProtocolException("17/06 without TLV 0x01"));
    Optional<Account> account = state.account(screenName);
    if (account.isEmpty()) {
      LOG.debug("key request for unknown account {}", screenName);
      ctx.writeAndFlush(ServerSnacs.loginReply(snac.requestId(),
          ServerSnacs.loginFailureTlvs(screenName, LoginError.INVALID_UIN_OR_PASSWORD.code(), ERROR_URL)).toFrame());
      return;
    }
    StringBuilder key = new StringBuilder(KEY_DIGITS);
    for (int i = 0; i < KEY_DIGITS; i++) {
      key.append((char) ('0' + state.random().nextInt(10)));
    }
    keys.put(ScreenNames.normalize(screenName), key.toString().getBytes(StandardCharsets.US_ASCII));
    ctx.writeAndFlush(ServerSnacs.authKey(snac.requestId(), key.toString()).toFrame());
  }

  /** 17/02: checks the hash against the key this connection handed out for the same screen name. */
  private void onMd5Login(ChannelHandlerContext ctx, Snac snac) {
    Md5LoginRequest request = Md5LoginRequest.parse(snac);
    byte[] key = keys.remove(ScreenNames.normalize(request.screenName()));
    TlvChain reply = authorize(ctx, request.screenName(), !request.multiConnection(), account -> key != null
        && PasswordHashes.matches(PasswordHashes.md5LoginHash(key, account.password(), request.passwordPreHashed()),
            request.passwordHash()));
    ctx.writeAndFlush(ServerSnacs.loginReply(snac.requestId(), reply).toFrame());
  }

  private interface PasswordCheck {
    boolean accepts(Account account);
  }

  /**
   * Checks, in order: the account exists, the login lockout (error 0x001D, OSCAR-SERVERS.md "Rate limits on
   * login"), the login rate limits (per UIN, error 0x0018; per IP, 0x001D; reference auth_failed), the password.
   * A cookie remembers {@code oldClient} (no TLV 0x004A) for the kick a newer login gives the session.
   */
  private TlvChain authorize(ChannelHandlerContext ctx, String screenName, boolean oldClient, PasswordCheck check) {
    state.loginAttempted(screenName);
    Optional<Account> account = state.account(screenName);
    if (account.isEmpty()) {
      LOG.debug("login for unknown account {}", screenName);
      return ServerSnacs.loginFailureTlvs(screenName, LoginError.INVALID_UIN_OR_PASSWORD.code(), ERROR_URL);
    }
    String key = ScreenNames.normalize(screenName);
    if (!state.loginLockout().admit(key)) {
      LOG.info("login lockout for {} until {}", screenName, state.lockedOutUntil(key).orElse(null));
      return refuse(screenName, LoginError.RATE_LIMIT);
    }
    if (!state.uinLoginLimiter().admit(key)) {
      LOG.info("login rate limit hit for {}", screenName);
      return refuse(screenName, LoginError.RATE_LIMIT_RESERVATION);
    }
    if (!state.ipLoginLimiter().admit(clientIp(ctx))) {
      LOG.info("login rate limit hit for {}", ctx.channel().remoteAddress());
      return refuse(screenName, LoginError.RATE_LIMIT);
    }
    if (!check.accepts(account.get())) {
      LOG.debug("wrong password for {}", screenName);
      return ServerSnacs.loginFailureTlvs(screenName, LoginError.WRONG_PASSWORD.code(), ERROR_URL);
    }
    LOG.debug("login accepted for {}", screenName);
    return ServerSnacs.loginSuccessTlvs(account.get().screenName(), state.bosAddress(),
        state.issueCookie(account.get(), oldClient));
  }

  private TlvChain refuse(String screenName, LoginError error) {
    state.loginRefused(screenName);
    return ServerSnacs.loginFailureTlvs(screenName, error.code(), ERROR_URL);
  }

  private static String clientIp(ChannelHandlerContext ctx) {
    return ctx.channel().remoteAddress() instanceof java.net.InetSocketAddress address
        ? address.getAddress().getHostAddress() : String.valueOf(ctx.channel().remoteAddress());
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    ProtocolFailures.closeOnFailure(ctx, cause, LOG, "login server");
  }
}
