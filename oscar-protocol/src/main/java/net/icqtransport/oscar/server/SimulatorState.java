package net.icqtransport.oscar.server;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.Function;
import net.icqtransport.oscar.snac.Snac;
import net.icqtransport.oscar.tlv.TlvChain;

/**
 * Everything the simulated network shares between connections: accounts, contact lists (and who watches whom),
 * echo bots, login cookies and signed-on sessions. All maps are keyed by normalized screen name. Presence
 * changes (sign-on, sign-off, status) run under one lock so every watcher sees them in order; message routing
 * needs no lock.
 */
final class SimulatorState {
  /** SNAC error 0x0004: recipient is not logged on (reference {@code snac_04_01}). */
  static final int ERROR_RECIPIENT_NOT_LOGGED_ON = 0x0004;
  /** Channel-4 TLV 0x09 reason: the account signed on from another location. */
  static final int REASON_SIGNED_ON_ELSEWHERE = 0x0001;
  static final int COOKIE_LENGTH = 256;

  private final ConcurrentMap<String, Account> accounts = new ConcurrentHashMap<>();
  private final ConcurrentMap<String, ContactList> contactLists = new ConcurrentHashMap<>();
  /** Contact → owners whose lists hold it. */
  private final ConcurrentMap<String, Set<String>> watchers = new ConcurrentHashMap<>();
  private final ConcurrentMap<String, Account> echoBots = new ConcurrentHashMap<>();
  private final ConcurrentMap<String, BosSession> sessions = new ConcurrentHashMap<>();
  private final ConcurrentMap<String, PendingLogin> cookies = new ConcurrentHashMap<>();
  private final Object presenceLock = new Object();
  private final SecureRandom random = new SecureRandom();
  private final Clock clock;
  private final Duration cookieLifetime;
  private final long startTime;
  private volatile String bosAddress = "127.0.0.1:5190";

  private record PendingLogin(String key, long expiresAtMillis) {}

  SimulatorState(Clock clock, Duration cookieLifetime) {
    this.clock = clock;
    this.cookieLifetime = cookieLifetime;
    this.startTime = nowSeconds();
  }

  long nowSeconds() {
    return clock.millis() / 1000;
  }

  // ---- accounts and lists ----

  void addAccount(String screenName, String password) {
    requireValid(screenName);
    accounts.put(ScreenNames.normalize(screenName), new Account(screenName, password, nowSeconds()));
  }

  void addEchoBot(String screenName) {
    requireValid(screenName);
    echoBots.put(ScreenNames.normalize(screenName), new Account(screenName, "", startTime));
  }

  void addContact(String owner, String contact, String nickname, String group) {
    requireValid(owner);
    requireValid(contact);
    String ownerKey = ScreenNames.normalize(owner);
    contactLists.computeIfAbsent(ownerKey, key -> new ContactList()).add(contact, nickname, group);
    watchers.computeIfAbsent(ScreenNames.normalize(contact), key -> ConcurrentHashMap.newKeySet()).add(ownerKey);
  }

  Optional<Account> account(String screenName) {
    return Optional.ofNullable(accounts.get(ScreenNames.normalize(screenName)));
  }

  ContactList.Snapshot contactList(String key) {
    ContactList list = contactLists.get(key);
    return list == null ? new ContactList().snapshot() : list.snapshot();
  }

  void bosAddress(String hostAndPort) {
    this.bosAddress = hostAndPort;
  }

  String bosAddress() {
    return bosAddress;
  }

  SecureRandom random() {
    return random;
  }

  // ---- login cookies: single use, short-lived ----

  byte[] issueCookie(Account account) {
    long now = clock.millis();
    cookies.values().removeIf(pending -> pending.expiresAtMillis() < now);
    byte[] cookie = new byte[COOKIE_LENGTH];
    random.nextBytes(cookie);
    cookies.put(HexFormat.of().formatHex(cookie),
        new PendingLogin(ScreenNames.normalize(account.screenName()), now + cookieLifetime.toMillis()));
    return cookie;
  }

  /** The account the cookie was issued to, if it is known and fresh; either way it cannot be used again. */
  Optional<Account> redeemCookie(byte[] cookie) {
    PendingLogin pending = cookies.remove(HexFormat.of().formatHex(cookie));
    if (pending == null || pending.expiresAtMillis() < clock.millis()) {
      return Optional.empty();
    }
    return Optional.ofNullable(accounts.get(pending.key()));
  }

  // ---- presence ----

  boolean isOnline(String screenName) {
    return isOnlineKey(ScreenNames.normalize(screenName));
  }

  private boolean isOnlineKey(String key) {
    if (echoBots.containsKey(key)) {
      return true;
    }
    BosSession session = sessions.get(key);
    return session != null && session.ready();
  }

  /** A connection redeemed its cookie: it replaces any older session of the account, which is closed. */
  void attach(BosSession session) {
    synchronized (presenceLock) {
      BosSession previous = sessions.put(session.key(), session);
      if (previous != null && previous != session) {
        retire(previous);
        previous.closeWith(ServerSnacs.signOff(REASON_SIGNED_ON_ELSEWHERE));
      }
    }
  }

  /** 01/02: the session goes online; its watchers learn it, and it learns which of its contacts are online. */
  void clientReady(BosSession session) {
    synchronized (presenceLock) {
      if (session.ready() || session.retired() || sessions.get(session.key()) != session) {
        return;
      }
      session.ready(true);
      long now = nowSeconds();
      notifyWatchers(session.key(), id -> ServerSnacs.buddyOnline(id, session.presenceBlock(now)));
      ContactList list = contactLists.get(session.key());
      if (list != null) {
        for (String contact : list.contacts()) {
          presenceOf(contact, now).ifPresent(block -> session.send(ServerSnacs.buddyOnline(session.nextRequestId(), block)));
        }
      }
    }
  }

  /** 01/1E while online: watchers get a fresh 03/0B. */
  void statusChanged(BosSession session) {
    synchronized (presenceLock) {
      if (session.ready() && sessions.get(session.key()) == session) {
        long now = nowSeconds();
        notifyWatchers(session.key(), id -> ServerSnacs.buddyOnline(id, session.presenceBlock(now)));
      }
    }
  }

  /** The connection closed, for whatever reason. */
  void detach(BosSession session) {
    synchronized (presenceLock) {
      sessions.remove(session.key(), session);
      retire(session);
    }
  }

  /** Closes the account's session with a channel-4 frame; false if it had none. */
  boolean kick(String screenName, int reason) {
    synchronized (presenceLock) {
      BosSession session = sessions.remove(ScreenNames.normalize(screenName));
      if (session == null) {
        return false;
      }
      retire(session);
      session.closeWith(ServerSnacs.signOff(reason));
      return true;
    }
  }

  private void retire(BosSession session) {
    boolean wasOnline = session.ready();
    session.retire();
    if (wasOnline && !isOnlineKey(session.key())) {
      notifyWatchers(session.key(), id -> ServerSnacs.buddyOffline(id, session.screenName()));
    }
  }

  private void notifyWatchers(String key, Function<Long, Snac> snac) {
    Set<String> owners = watchers.get(key);
    if (owners == null) {
      return;
    }
    for (String owner : owners) {
      BosSession watcher = sessions.get(owner);
      if (watcher != null && watcher.ready()) {
        watcher.send(snac.apply(watcher.nextRequestId()));
      }
    }
  }

  private Optional<UserInfoBlock> presenceOf(String key, long now) {
    Account bot = echoBots.get(key);
    if (bot != null) {
      return Optional.of(UserInfoBlocks.presence(bot.screenName(), UserInfoBlocks.CLASS_ICQ, null, 0, 0, null,
          now - startTime, startTime));
    }
    BosSession session = sessions.get(key);
    return session != null && session.ready() ? Optional.of(session.presenceBlock(now)) : Optional.empty();
  }

  // ---- messages ----

  /**
   * 04/06 from {@code sender}: delivered as 04/07 to a ready recipient, answered by an echo bot, or refused
   * with 04/01 code 4. The server ack (04/0C), when asked for, comes first.
   */
  void routeMessage(BosSession sender, long requestId, IcbmSendRequest request) {
    String recipientKey = ScreenNames.normalize(request.recipient());
    Account bot = echoBots.get(recipientKey);
    BosSession recipient = sessions.get(recipientKey);
    boolean deliverable = bot != null || (recipient != null && recipient.ready());
    if (!deliverable) {
      sender.send(ServerSnacs.error(0x04, requestId, ERROR_RECIPIENT_NOT_LOGGED_ON));
      return;
    }
    if (request.wantsServerAck()) {
      sender.send(ServerSnacs.icbmServerAck(requestId, request.cookie(), request.channel(), request.recipient()));
    }
    long now = nowSeconds();
    if (bot != null) {
      echo(bot, sender, request, now);
      return;
    }
    recipient.send(ServerSnacs.icbmReceive(recipient.nextRequestId(), request.cookie(), request.channel(),
        sender.senderBlock(now), request.relayedTlvs()));
  }

  private void echo(Account bot, BosSession sender, IcbmSendRequest request, long now) {
    if (request.channel() != 1) {
      return;
    }
    request.tlvs().find(IcbmSendRequest.TLV_MESSAGE_DATA).ifPresent(text -> {
      byte[] cookie = new byte[8];
      random.nextBytes(cookie);
      UserInfoBlock botBlock = UserInfoBlocks.messageSender(bot.screenName(), UserInfoBlocks.CLASS_ICQ, 0,
          now - startTime, startTime);
      sender.send(ServerSnacs.icbmReceive(sender.nextRequestId(), cookie, 1, botBlock, TlvChain.of(text)));
    });
  }

  /** 04/14: passed to the recipient if online, with the sender's name; dropped otherwise. */
  void relayTyping(BosSession sender, TypingNotice notice) {
    BosSession recipient = sessions.get(ScreenNames.normalize(notice.screenName()));
    if (recipient != null && recipient.ready()) {
      recipient.send(ServerSnacs.typing(recipient.nextRequestId(), notice.cookie(), notice.channel(),
          sender.screenName(), notice.notificationType()));
    }
  }

  /** Every current session, to close them all on shutdown. */
  Iterable<BosSession> sessions() {
    return sessions.values();
  }

  private static void requireValid(String screenName) {
    if (screenName == null || !ScreenNames.isValid(screenName)) {
      throw new IllegalArgumentException("not a valid screen name: " + screenName);
    }
  }
}
