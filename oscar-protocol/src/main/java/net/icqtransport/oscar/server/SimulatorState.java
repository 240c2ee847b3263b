package net.icqtransport.oscar.server;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;
import net.icqtransport.oscar.snac.Snac;
import net.icqtransport.oscar.tlv.Tlv;
import net.icqtransport.oscar.tlv.TlvChain;

/**
 * Everything the simulated network shares between connections: accounts, contact lists (and who watches whom),
 * authorizations, offline messages, the white pages, buddy icons, echo bots, login and service cookies and
 * signed-on sessions. All maps are keyed by normalized screen name. Presence changes (sign-on, sign-off, status,
 * list edits, authorization) run under one lock so every watcher sees them in order; message routing needs none.
 */
final class SimulatorState {
  /** SNAC error 0x0004: recipient is not logged on (reference {@code snac_04_01}). */
  static final int ERROR_RECIPIENT_NOT_LOGGED_ON = 0x0004;
  /** ICBM TLV 0x16: when a stored message was sent, u32 seconds (OSCAR-ICQ.md, family 0x04). */
  static final int TLV_SEND_TIME = 0x16;
  /** Channel-4 TLV 0x09 reason: the account signed on from another location. */
  static final int REASON_SIGNED_ON_ELSEWHERE = 0x0001;
  static final int COOKIE_LENGTH = 256;
  /** Status bit 0x0100: invisible (reference {@code snac_01_1e}); watchers see the account offline. */
  static final long STATUS_INVISIBLE = 0x0100;

  /** 13/0E result codes (reference {@code snac_13_0e}). */
  static final int SSI_OK = 0x0000;
  static final int SSI_NOT_FOUND = 0x0002;
  static final int SSI_ALREADY_EXISTS = 0x0003;
  static final int SSI_INVALID = 0x000A;
  static final int SSI_LIMIT = 0x000C;
  static final int SSI_AUTH_REQUIRED = 0x000E;

  /** Per-type item limits of our 13/03 (reference {@code snac_13_03}, TLV 0x04); 0 = not limited here. */
  private static final int[] SSI_LIMITS = {600, 51, 128, 128, 1, 1, 50, 0, 0, 3, 0, 0, 0, 128, 128, 20, 200, 1, 0, 1, 0};

  enum ListEdit { ADD, UPDATE, DELETE }

  private final ConcurrentMap<String, Account> accounts = new ConcurrentHashMap<>();
  private final ConcurrentMap<String, ContactList> contactLists = new ConcurrentHashMap<>();
  /** Contact → owners whose lists hold it. */
  private final ConcurrentMap<String, Set<String>> watchers = new ConcurrentHashMap<>();
  /** "owner contact" pairs: the owner may list the contact and see its presence despite authorization. */
  private final Set<String> authorizations = ConcurrentHashMap.newKeySet();
  private final Set<String> authRequired = ConcurrentHashMap.newKeySet();
  private final ConcurrentMap<String, UserDetails> directory = new ConcurrentHashMap<>();
  private final ConcurrentMap<String, List<OfflineMessage>> offlineMessages = new ConcurrentHashMap<>();
  /** Screen-name accounts' offline messages, kept as ICBMs until 04/10 fetches them (the AIM way). */
  private final ConcurrentMap<String, List<StoredIcbm>> storedIcbms = new ConcurrentHashMap<>();
  private final ConcurrentMap<String, byte[]> avatars = new ConcurrentHashMap<>();
  /** Profiles given to accounts (02/06 TLVs 0x01 and 0x02), served while a session set none itself. */
  private final ConcurrentMap<String, TlvChain> profiles = new ConcurrentHashMap<>();
  private final ConcurrentMap<String, Account> echoBots = new ConcurrentHashMap<>();
  private final ConcurrentMap<String, BosSession> sessions = new ConcurrentHashMap<>();
  private final ConcurrentMap<String, PendingLogin> cookies = new ConcurrentHashMap<>();
  private final ConcurrentMap<String, PendingLogin> serviceCookies = new ConcurrentHashMap<>();
  private final ConcurrentMap<String, java.util.concurrent.atomic.AtomicInteger> loginAttempts =
      new ConcurrentHashMap<>();
  private final ConcurrentMap<String, java.util.concurrent.atomic.AtomicInteger> refusedLogins =
      new ConcurrentHashMap<>();
  private final Object presenceLock = new Object();
  private final ChatRooms chatRooms = new ChatRooms(this);
  private final SecureRandom random = new SecureRandom();
  private final Clock clock;
  private final Duration cookieLifetime;
  private final long startTime;
  private volatile String bosAddress = "127.0.0.1:5190";
  private volatile String bartAddress = "127.0.0.1:5190";
  private volatile List<RateClass> rateClasses = RateClasses.GENEROUS;
  private volatile boolean rateLimitsEnforced = true;
  private volatile LoginRateLimiter uinLoginLimiter;
  private volatile LoginRateLimiter ipLoginLimiter;
  private volatile LoginLockout loginLockout;

  /** A cookie handed out: whose, until when, and whether its login was an old client's (no TLV 0x004A). */
  private record PendingLogin(String key, long expiresAtMillis, boolean oldClient) {}

  SimulatorState(Clock clock, Duration cookieLifetime) {
    this.clock = clock;
    this.cookieLifetime = cookieLifetime;
    this.startTime = nowSeconds();
    this.uinLoginLimiter = LoginRateLimiter.disabled(clock);
    this.ipLoginLimiter = LoginRateLimiter.disabled(clock);
    this.loginLockout = LoginLockout.disabled(clock);
  }

  long nowSeconds() {
    return clock.millis() / 1000;
  }

  Clock clock() {
    return clock;
  }

  // ---- configuration ----

  void rateLimits(List<RateClass> classes, boolean enforced) {
    this.rateClasses = List.copyOf(classes);
    this.rateLimitsEnforced = enforced;
  }

  List<RateClass> rateClasses() {
    return rateClasses;
  }

  boolean rateLimitsEnforced() {
    return rateLimitsEnforced;
  }

  void loginRateLimits(LoginRateLimiter perUin, LoginRateLimiter perIp) {
    this.uinLoginLimiter = perUin;
    this.ipLoginLimiter = perIp;
  }

  LoginRateLimiter uinLoginLimiter() {
    return uinLoginLimiter;
  }

  LoginRateLimiter ipLoginLimiter() {
    return ipLoginLimiter;
  }

  void loginLockout(LoginLockout lockout) {
    this.loginLockout = lockout;
  }

  LoginLockout loginLockout() {
    return loginLockout;
  }

  /** Counts a login request (17/02 or channel-1 roasted) for {@code screenName}, whatever its outcome. */
  void loginAttempted(String screenName) {
    loginAttempts.computeIfAbsent(ScreenNames.normalize(screenName),
        k -> new java.util.concurrent.atomic.AtomicInteger()).incrementAndGet();
  }

  int loginAttempts(String screenName) {
    var count = loginAttempts.get(ScreenNames.normalize(screenName));
    return count == null ? 0 : count.get();
  }

  /** Counts a login request refused by the lockout or a login rate limit (errors 0x0018, 0x001D). */
  void loginRefused(String screenName) {
    refusedLogins.computeIfAbsent(ScreenNames.normalize(screenName),
        k -> new java.util.concurrent.atomic.AtomicInteger()).incrementAndGet();
  }

  int refusedLogins(String screenName) {
    var count = refusedLogins.get(ScreenNames.normalize(screenName));
    return count == null ? 0 : count.get();
  }

  Optional<Instant> lockedOutUntil(String screenName) {
    return loginLockout.lockedUntil(ScreenNames.normalize(screenName));
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

  /** Builder path: the contact is added as an established one, authorized if it needs to be. */
  void addContact(String owner, String contact, String nickname, String group) {
    requireValid(owner);
    requireValid(contact);
    String ownerKey = ScreenNames.normalize(owner);
    String contactKey = ScreenNames.normalize(contact);
    synchronized (presenceLock) {
      contactLists.computeIfAbsent(ownerKey, key -> new ContactList()).add(contact, nickname, group);
      authorizations.add(pair(ownerKey, contactKey));
      watchers.computeIfAbsent(contactKey, key -> ConcurrentHashMap.newKeySet()).add(ownerKey);
    }
  }

  void requireAuthorization(String screenName) {
    requireValid(screenName);
    String key = ScreenNames.normalize(screenName);
    authRequired.add(key);
    directory.compute(key, (k, details) -> (details == null ? UserDetails.empty() : details).withAuthRequired(true));
  }

  boolean requiresAuthorization(String key) {
    return authRequired.contains(key);
  }

  void details(String screenName, UserDetails details) {
    requireValid(screenName);
    String key = ScreenNames.normalize(screenName);
    directory.put(key, details);
    if (details.authRequired()) {
      authRequired.add(key);
    }
  }

  /** The white-pages entry of a registered account (empty fields if never described). */
  Optional<UserDetails> details(String key) {
    if (!accounts.containsKey(key)) {
      return Optional.empty();
    }
    UserDetails details = directory.getOrDefault(key, UserDetails.empty());
    return Optional.of(authRequired.contains(key) && !details.authRequired() ? details.withAuthRequired(true) : details);
  }

  /** Registered accounts and their entries, in no particular order, for searches. */
  Map<String, UserDetails> directory() {
    Map<String, UserDetails> result = new java.util.TreeMap<>();
    accounts.keySet().forEach(key -> details(key).ifPresent(d -> result.put(key, d)));
    return result;
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

  void bartAddress(String hostAndPort) {
    this.bartAddress = hostAndPort;
  }

  String bartAddress() {
    return bartAddress;
  }

  SecureRandom random() {
    return random;
  }

  /** Chat navigation and rooms (families 0x0D, 0x0E), reached through 01/04 on BOS. */
  ChatRooms chatRooms() {
    return chatRooms;
  }

  // ---- login and service cookies: single use, short-lived ----

  /**
   * A BOS cookie for the account; {@code oldClient} when its login lacked TLV 0x004A (multi-connection flag),
   * which decides how a newer login kicks the session.
   */
  byte[] issueCookie(Account account, boolean oldClient) {
    return issue(cookies, ScreenNames.normalize(account.screenName()), COOKIE_LENGTH, oldClient);
  }

  /** What the cookie was issued for, if it is known and fresh; either way it cannot be used again. */
  Optional<LoginGrant> redeemCookie(byte[] cookie) {
    return redeem(cookies, cookie).flatMap(pending ->
        Optional.ofNullable(accounts.get(pending.key())).map(account -> new LoginGrant(account, pending.oldClient())));
  }

  /** A cookie for a service connection (reference {@code snac_01_05}, TLV 0x06). */
  byte[] issueServiceCookie(String key) {
    return issue(serviceCookies, key, COOKIE_LENGTH, false);
  }

  Optional<Account> redeemServiceCookie(byte[] cookie) {
    return redeem(serviceCookies, cookie).flatMap(pending -> Optional.ofNullable(accounts.get(pending.key())));
  }

  private byte[] issue(ConcurrentMap<String, PendingLogin> store, String key, int length, boolean oldClient) {
    long now = clock.millis();
    store.values().removeIf(pending -> pending.expiresAtMillis() < now);
    byte[] cookie = new byte[length];
    random.nextBytes(cookie);
    store.put(HexFormat.of().formatHex(cookie), new PendingLogin(key, now + cookieLifetime.toMillis(), oldClient));
    return cookie;
  }

  private Optional<PendingLogin> redeem(ConcurrentMap<String, PendingLogin> store, byte[] cookie) {
    PendingLogin pending = store.remove(HexFormat.of().formatHex(cookie));
    if (pending == null || pending.expiresAtMillis() < clock.millis()) {
      return Optional.empty();
    }
    return Optional.of(pending);
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

  /** The ready session of an account, if any. */
  Optional<BosSession> readySession(String key) {
    BosSession session = sessions.get(key);
    return session != null && session.ready() ? Optional.of(session) : Optional.empty();
  }

  /**
   * A new BOS connection for an account: an older one is closed first (reference {@code login}), as real servers
   * do it (OSCAR-SERVERS.md, "Sign-on and kicks"): an old client (logged in without TLV 0x004A) gets the four
   * bytes {@code 2A 04 <seq>} only, any other a channel-4 frame with TLV 0x09 = 0x0001.
   */
  void attach(BosSession session) {
    synchronized (presenceLock) {
      BosSession previous = sessions.put(session.key(), session);
      avatarHash(session.key()).ifPresent(session::bartHash);
      if (previous != null) {
        retire(previous);
        previous.closeWith(previous.oldClient() ? KickStyle.OLD_CLIENT_FRAME : KickStyle.SIGNED_ON_ELSEWHERE);
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
      if (!session.invisible()) {
        notifyWatchers(session.key(), id -> ServerSnacs.buddyOnline(id, session.presenceBlock(now)));
      }
      ContactList list = contactLists.get(session.key());
      if (list != null) {
        for (String contact : list.contacts()) {
          if (maySee(session.key(), contact)) {
            presenceOf(contact, now).ifPresent(block -> session.send(ServerSnacs.buddyOnline(session.nextRequestId(), block)));
          }
        }
      }
    }
  }

  /**
   * 01/1E while online: watchers get a fresh 03/0B; turning invisible (0x0100) they get 03/0C instead, and
   * turning visible again 03/0B.
   */
  void statusChanged(BosSession session, long oldStatus) {
    synchronized (presenceLock) {
      if (!session.ready() || sessions.get(session.key()) != session) {
        return;
      }
      long now = nowSeconds();
      boolean wasInvisible = (oldStatus & STATUS_INVISIBLE) != 0;
      if (session.invisible()) {
        if (!wasInvisible) {
          notifyWatchers(session.key(), id -> ServerSnacs.buddyOffline(id, session.screenName()));
        }
      } else {
        notifyWatchers(session.key(), id -> ServerSnacs.buddyOnline(id, session.presenceBlock(now)));
      }
    }
  }

  /**
   * Something watchers see in the user-info block changed (away message, idle time): they get a fresh 03/0B, if
   * the session is online and visible.
   */
  void presenceChanged(BosSession session) {
    synchronized (presenceLock) {
      if (session.ready() && !session.invisible() && sessions.get(session.key()) == session) {
        long now = nowSeconds();
        notifyWatchers(session.key(), id -> ServerSnacs.buddyOnline(id, session.presenceBlock(now)));
      }
    }
  }

  /** 01/11 or {@link OscarSimulator#setIdle}: idle for {@code seconds} (0: back), announced to watchers. */
  void idle(BosSession session, long seconds) {
    session.idle(seconds, nowSeconds());
    presenceChanged(session);
  }

  /** The account's session sets its away message as an AIM client would (02/04 TLVs 0x03, 0x04); false if none. */
  boolean setAwayMessage(String screenName, byte[] mimeType, byte[] text) {
    BosSession session = sessions.get(ScreenNames.normalize(screenName));
    if (session == null || session.retired()) {
      return false;
    }
    session.onLoop(() -> LocationFamily.setInfo(this, session, TlvChain.of(
        new Tlv(LocationFamily.TLV_AWAY_MIME, mimeType),
        new Tlv(LocationFamily.TLV_AWAY_MESSAGE, text))));
    return true;
  }

  /** The account's session is idle for {@code seconds} (0: back), as if its client sent 01/11; false if none. */
  boolean setIdle(String screenName, long seconds) {
    BosSession session = sessions.get(ScreenNames.normalize(screenName));
    if (session == null || session.retired()) {
      return false;
    }
    session.onLoop(() -> idle(session, seconds));
    return true;
  }

  /** Gives the account a profile (TLV 0x01 MIME type, TLV 0x02 text), served in 02/06 when its session set none. */
  void profile(String screenName, byte[] mimeType, byte[] text) {
    requireValid(screenName);
    profiles.put(ScreenNames.normalize(screenName), TlvChain.of(
        new Tlv(LocationFamily.TLV_PROFILE_MIME, mimeType),
        new Tlv(LocationFamily.TLV_PROFILE, text)));
  }

  /** The profile given to the account, empty if none. */
  TlvChain profile(String key) {
    return profiles.getOrDefault(key, TlvChain.empty());
  }

  /** The connection closed, for whatever reason. */
  void detach(BosSession session) {
    synchronized (presenceLock) {
      sessions.remove(session.key(), session);
      retire(session);
    }
  }

  /** Closes the account's session, ending it in the given style; false if it had none. */
  boolean kick(String screenName, KickStyle style) {
    synchronized (presenceLock) {
      BosSession session = sessions.remove(ScreenNames.normalize(screenName));
      if (session == null) {
        return false;
      }
      retire(session);
      session.closeWith(style);
      return true;
    }
  }

  private void retire(BosSession session) {
    boolean wasVisible = session.ready() && !session.invisible();
    session.retire();
    if (wasVisible && !isOnlineKey(session.key())) {
      notifyWatchers(session.key(), id -> ServerSnacs.buddyOffline(id, session.screenName()));
    }
  }

  /**
   * Whether the owner gets the contact's presence: listed, authorized if the contact requires it, and not
   * blocked by the contact (its deny list).
   */
  private boolean maySee(String ownerKey, String contactKey) {
    return (!authRequired.contains(contactKey) || authorizations.contains(pair(ownerKey, contactKey)))
        && !blocks(contactKey, ownerKey);
  }

  /** Whether {@code ownerKey}'s list blocks {@code otherKey} (deny item, privacy mode 4). */
  private boolean blocks(String ownerKey, String otherKey) {
    ContactList list = contactLists.get(ownerKey);
    return list != null && list.denies(otherKey);
  }

  private void notifyWatchers(String key, Function<Long, Snac> snac) {
    Set<String> owners = watchers.get(key);
    if (owners == null) {
      return;
    }
    for (String owner : owners) {
      BosSession watcher = sessions.get(owner);
      if (watcher != null && watcher.ready() && maySee(owner, key)) {
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
    return session != null && session.ready() && !session.invisible()
        ? Optional.of(session.presenceBlock(now)) : Optional.empty();
  }

  /** A session as others may see it: ready and not invisible. */
  Optional<BosSession> visibleSession(String key) {
    return readySession(key).filter(session -> !session.invisible());
  }

  // ---- server-stored list edits (13/08, 13/09, 13/0A) ----

  /**
   * Applies one edit SNAC item by item and answers with one 13/0E result per item (reference {@code snac_13_0e},
   * {@code icq_ssi_auth}). An added buddy that is online and visible to the owner gets a 03/0B after the
   * 13/0E; the added contact gets 13/1C if online.
   */
  void editList(BosSession session, long requestId, ListEdit edit, List<SsiItem> items) {
    List<Runnable> after = new ArrayList<>();
    List<Integer> results = new ArrayList<>(items.size());
    synchronized (presenceLock) {
      ContactList list = contactLists.computeIfAbsent(session.key(), key -> new ContactList());
      for (SsiItem item : items) {
        results.add(switch (edit) {
          case ADD -> add(session, list, item, after);
          case UPDATE -> update(list, item);
          case DELETE -> delete(session.key(), list, item);
        });
      }
      session.send(SsiSnacs.editResults(requestId, results));
      after.forEach(Runnable::run);
    }
  }

  private int add(BosSession session, ContactList list, SsiItem item, List<Runnable> after) {
    boolean buddy = item.type() == SsiItem.TYPE_BUDDY;
    if (buddy && (item.groupId() == 0 || item.itemId() == 0 || !ScreenNames.isValid(item.name()))
        || item.type() == SsiItem.TYPE_GROUP && item.itemId() != 0) {
      return SSI_INVALID;
    }
    if (list.find(item.groupId(), item.itemId()).isPresent() || buddy && list.hasBuddy(item.groupId(), item.name())) {
      return SSI_ALREADY_EXISTS;
    }
    if (item.type() < SSI_LIMITS.length && SSI_LIMITS[item.type()] > 0 && list.count(item.type()) >= SSI_LIMITS[item.type()]) {
      return SSI_LIMIT;
    }
    String owner = session.key();
    String contact = ScreenNames.normalize(item.name());
    if (buddy && authRequired.contains(contact) && !item.awaitingAuthorization()
        && !authorizations.contains(pair(owner, contact)) && !session.importTransaction()) {
      return SSI_AUTH_REQUIRED;
    }
    list.put(item);
    if (buddy) {
      watchers.computeIfAbsent(contact, key -> ConcurrentHashMap.newKeySet()).add(owner);
      after.add(() -> {
        readySession(contact).ifPresent(added -> added.send(SsiSnacs.youWereAdded(added.nextRequestId(),
            session.screenName())));
        if (maySee(owner, contact)) {
          presenceOf(contact, nowSeconds()).ifPresent(block ->
              session.send(ServerSnacs.buddyOnline(session.nextRequestId(), block)));
        }
      });
    }
    return SSI_OK;
  }

  private int update(ContactList list, SsiItem item) {
    Optional<SsiItem> old = list.find(item.groupId(), item.itemId());
    if (old.isEmpty()) {
      return SSI_NOT_FOUND;
    }
    list.put(item);
    return SSI_OK;
  }

  private int delete(String owner, ContactList list, SsiItem item) {
    Optional<SsiItem> removed = list.remove(item.groupId(), item.itemId());
    if (removed.isEmpty()) {
      return SSI_NOT_FOUND;
    }
    if (removed.get().type() == SsiItem.TYPE_BUDDY && list.buddies(removed.get().name()).isEmpty()) {
      Set<String> owners = watchers.get(ScreenNames.normalize(removed.get().name()));
      if (owners != null) {
        owners.remove(owner);
      }
    }
    return SSI_OK;
  }

  // ---- authorization (13/14, 13/18, 13/1A) ----

  /** 13/18: the target gets 13/19 if online; the reference describes no queueing, so otherwise 13/01 code 4. */
  void requestAuthorization(BosSession requester, long requestId, String target, byte[] reason) {
    Optional<BosSession> recipient = readySession(ScreenNames.normalize(target));
    if (recipient.isEmpty()) {
      requester.send(ServerSnacs.error(0x13, requestId, ERROR_RECIPIENT_NOT_LOGGED_ON));
      return;
    }
    BosSession to = recipient.get();
    to.send(SsiSnacs.authorizationRequest(to.nextRequestId(), requester.screenName(), reason));
  }

  /**
   * 13/1A from the contact: the requester gets 13/1B; if granted, the requester's items for the contact lose
   * TLV 0x0066 (pushed as 13/11, 13/09, 13/12 as reference {@code icq_ssi_auth} shows) and presence flows.
   */
  void replyAuthorization(BosSession replier, String requesterName, boolean granted, byte[] reason) {
    String requester = ScreenNames.normalize(requesterName);
    synchronized (presenceLock) {
      Optional<BosSession> requesterSession = readySession(requester);
      requesterSession.ifPresent(to -> to.send(SsiSnacs.authorizationReply(to.nextRequestId(),
          replier.screenName(), granted, reason)));
      if (!granted) {
        return;
      }
      authorizations.add(pair(requester, replier.key()));
      ContactList list = contactLists.get(requester);
      List<SsiItem> changed = new ArrayList<>();
      if (list != null) {
        for (SsiItem item : list.buddies(replier.screenName())) {
          if (item.awaitingAuthorization()) {
            SsiItem cleared = item.authorized();
            list.put(cleared);
            changed.add(cleared);
          }
        }
      }
      requesterSession.ifPresent(to -> {
        if (!changed.isEmpty()) {
          to.send(SsiSnacs.editBegin(to.nextRequestId()));
          to.send(SsiSnacs.update(to.nextRequestId(), changed));
          to.send(SsiSnacs.editEnd(to.nextRequestId()));
        }
        if (list != null && list.contacts().contains(replier.key())) {
          presenceOf(replier.key(), nowSeconds()).ifPresent(block ->
              to.send(ServerSnacs.buddyOnline(to.nextRequestId(), block)));
        }
      });
    }
  }

  /** 13/14: the grantee may add the granter without asking; it gets 13/15 if online. */
  void grantFutureAuthorization(BosSession granter, String granteeName, byte[] reason) {
    String grantee = ScreenNames.normalize(granteeName);
    authorizations.add(pair(grantee, granter.key()));
    readySession(grantee).ifPresent(to -> to.send(SsiSnacs.futureAuthorizationGranted(to.nextRequestId(),
        granter.screenName(), reason)));
  }

  private static String pair(String owner, String contact) {
    return owner + " " + contact;
  }

  // ---- messages ----

  /**
   * 04/06 from {@code sender}: delivered as 04/07 to a ready recipient, answered by an echo bot, stored for an
   * offline account when TLV 0x06 asks for it (channels 1 and 4), or refused with 04/01 code 4. The server ack
   * (04/0C), when asked for, comes first. An ICQ number keeps its offline messages in the family-0x15 form (from
   * ICQ numbers only: 15/03 0x0041 names the sender by UIN, so a screen name's message to an offline UIN is
   * refused); a screen name keeps channel-1 messages as ICBMs for 04/10, from anyone ({@link #sendStoredIcbms}),
   * and refuses ICQ's channel 4 like any unstorable message.
   */
  void routeMessage(BosSession sender, long requestId, IcbmSendRequest request) {
    String recipientKey = ScreenNames.normalize(request.recipient());
    Account bot = echoBots.get(recipientKey);
    BosSession recipient = sessions.get(recipientKey);
    if (blocks(recipientKey, sender.key())) { // the recipient blocked the sender: it looks offline, nothing is stored
      sender.send(ServerSnacs.error(0x04, requestId, ERROR_RECIPIENT_NOT_LOGGED_ON));
      return;
    }
    boolean deliverable = bot != null || (recipient != null && recipient.ready());
    if (!deliverable) {
      boolean storable = request.storeIfOffline() && accounts.containsKey(recipientKey);
      if (storable && !isUin(recipientKey) && request.channel() == 1) {
        storedIcbms.computeIfAbsent(recipientKey, key -> new CopyOnWriteArrayList<>()).add(new StoredIcbm(
            sender.screenName(), clock.instant(), request.cookie(), request.channel(), request.relayedTlvs()));
      } else {
        Optional<OfflineMessage> stored = storable && isUin(recipientKey)
            ? request.toOfflineMessage(sender.screenName(), clock.instant()) : Optional.empty();
        if (stored.isEmpty()) {
          sender.send(ServerSnacs.error(0x04, requestId, ERROR_RECIPIENT_NOT_LOGGED_ON));
          return;
        }
        offlineMessages.computeIfAbsent(recipientKey, key -> new CopyOnWriteArrayList<>()).add(stored.get());
      }
      if (request.wantsServerAck()) {
        sender.send(ServerSnacs.icbmServerAck(requestId, request.cookie(), request.channel(), request.recipient()));
      }
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
      byte[] cookie = messageCookie();
      UserInfoBlock botBlock = UserInfoBlocks.messageSender(bot.screenName(), UserInfoBlocks.CLASS_ICQ, 0,
          now - startTime, startTime);
      sender.send(ServerSnacs.icbmReceive(sender.nextRequestId(), cookie, 1, botBlock, TlvChain.of(text)));
    });
  }

  /**
   * A channel-1 message from {@code sender} (an account or any name) to {@code recipient}'s ready session,
   * with the text exactly as given, as an AIM client would send it: e.g. an HTML body. ASCII text goes as charset
   * 0x0000, anything else as UTF-16BE (0x0002). The sender's user class is AIM's (0x0010) for a screen name,
   * ICQ's for a UIN.
   *
   * @return whether the recipient had a ready session to deliver to
   */
  boolean deliverAs(String sender, String recipient, String text) {
    Optional<BosSession> session = readySession(ScreenNames.normalize(recipient));
    if (session.isEmpty()) {
      return false;
    }
    Account account = accounts.get(ScreenNames.normalize(sender));
    String name = account != null ? account.screenName() : sender;
    long now = nowSeconds();
    byte[] cookie = messageCookie();
    UserInfoBlock block = UserInfoBlocks.messageSender(name, UserInfoBlocks.userClassOf(name), 0, 0, now);
    BosSession target = session.get();
    target.send(ServerSnacs.icbmReceive(target.nextRequestId(), cookie, 1, block,
        TlvChain.of(new Tlv(IcbmSendRequest.TLV_MESSAGE_DATA, channelOneData(text)))));
    return true;
  }

  /**
   * An ICBM cookie (04/07): it tells one message from another and secures nothing, so it comes from the thread's
   * own generator; the shared {@link SecureRandom} of login cookies would be a lock and a system read per message.
   */
  private static byte[] messageCookie() {
    byte[] cookie = new byte[8];
    ThreadLocalRandom.current().nextBytes(cookie);
    return cookie;
  }

  /** TLV 0x02 of a channel-1 message: capabilities fragment 05 01, then text fragment 01 01 (charset, language). */
  private static byte[] channelOneData(String text) {
    boolean ascii = text.chars().allMatch(c -> c < 0x80);
    byte[] bytes = text.getBytes(ascii ? java.nio.charset.StandardCharsets.US_ASCII
        : java.nio.charset.StandardCharsets.UTF_16BE);
    java.nio.ByteBuffer out = java.nio.ByteBuffer.allocate(5 + 8 + bytes.length);
    out.put((byte) 0x05).put((byte) 0x01).putShort((short) 1).put((byte) 0x01);
    out.put((byte) 0x01).put((byte) 0x01).putShort((short) (4 + bytes.length));
    out.putShort((short) (ascii ? 0x0000 : 0x0002)).putShort((short) 0x0000).put(bytes);
    return out.array();
  }

  /** 04/14: passed to the recipient if online, with the sender's name; dropped otherwise. */
  void relayTyping(BosSession sender, TypingNotice notice) {
    BosSession recipient = sessions.get(ScreenNames.normalize(notice.screenName()));
    if (recipient != null && recipient.ready()) {
      recipient.send(ServerSnacs.typing(recipient.nextRequestId(), notice.cookie(), notice.channel(),
          sender.screenName(), notice.notificationType()));
    }
  }

  /** 04/0B: passed on unchanged but for the screen name, which becomes the sender's (reference snac_04_0b). */
  void relayClientAck(BosSession sender, IcbmClientAck ack) {
    readySession(ScreenNames.normalize(ack.screenName())).ifPresent(recipient ->
        recipient.send(IcbmSnacs.clientAck(recipient.nextRequestId(), ack.withScreenName(sender.screenName()))));
  }

  // ---- offline messages of screen names (family 0x04) ----

  /**
   * 04/10 (Open OSCAR Server's "offline retrieve"): each ICBM kept for the account as a 04/07 from its sender
   * (a user-info block with the name alone, as that server sends it) with the TLVs as sent plus TLV 0x16, the
   * time it was sent (u32 seconds); then 04/17 with the request's id. They are deleted as they are sent: no
   * confirmation follows on this path. An account with nothing kept gets the 04/17 alone.
   */
  void sendStoredIcbms(BosSession session, long requestId) {
    List<StoredIcbm> kept = storedIcbms.remove(session.key());
    for (StoredIcbm icbm : kept == null ? List.<StoredIcbm>of() : kept) {
      UserInfoBlock from = new UserInfoBlock(icbm.sender(), 0, TlvChain.empty());
      session.send(ServerSnacs.icbmReceive(session.nextRequestId(), icbm.cookie(), icbm.channel(), from,
          icbm.tlvs().with(Tlv.ofU32(TLV_SEND_TIME, icbm.sentAt().getEpochSecond()))));
    }
    session.send(IcbmSnacs.offlineRetrieveEnd(requestId));
  }

  /** How many ICBMs are kept for a screen-name account. */
  int storedIcbms(String key) {
    return storedIcbms.getOrDefault(key, List.of()).size();
  }

  private static boolean isUin(String key) {
    return !key.isEmpty() && key.chars().allMatch(c -> c >= '0' && c <= '9');
  }

  // ---- offline messages (family 0x15) ----

  void storeOfflineMessage(String recipient, OfflineMessage message) {
    requireValid(recipient);
    offlineMessages.computeIfAbsent(ScreenNames.normalize(recipient), key -> new CopyOnWriteArrayList<>()).add(message);
  }

  /** The stored messages, oldest first; they stay until {@link #deleteOfflineMessages}. */
  List<OfflineMessage> offlineMessages(String key) {
    return List.copyOf(offlineMessages.getOrDefault(key, List.of()));
  }

  /** 15/02 0x003E: deletes the messages delivered so far (those in {@code delivered}). */
  void deleteOfflineMessages(String key, List<OfflineMessage> delivered) {
    List<OfflineMessage> stored = offlineMessages.get(key);
    if (stored != null) {
      stored.removeAll(delivered);
    }
  }

  // ---- buddy icons (family 0x10) ----

  /** Stores the account's icon and publishes its hash (TLV 0x1D) to watchers with a 03/0B. */
  byte[] setAvatar(String key, byte[] icon) {
    byte[] hash = md5(icon);
    avatars.put(key, icon.clone());
    synchronized (presenceLock) {
      BosSession session = sessions.get(key);
      if (session != null) {
        session.bartHash(hash);
        if (session.ready() && !session.invisible()) {
          long now = nowSeconds();
          notifyWatchers(key, id -> ServerSnacs.buddyOnline(id, session.presenceBlock(now)));
        }
      }
    }
    return hash;
  }

  Optional<byte[]> avatar(String key) {
    byte[] icon = avatars.get(key);
    return icon == null ? Optional.empty() : Optional.of(icon.clone());
  }

  Optional<byte[]> avatarHash(String key) {
    return avatar(key).map(SimulatorState::md5);
  }

  static byte[] md5(byte[] bytes) {
    try {
      return MessageDigest.getInstance("MD5").digest(bytes);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("MD5 is a required JDK algorithm", e);
    }
  }

  Instant now() {
    return clock.instant();
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
