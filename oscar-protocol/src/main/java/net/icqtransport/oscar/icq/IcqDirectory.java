package net.icqtransport.oscar.icq;

import io.netty.channel.EventLoop;
import io.netty.util.concurrent.ScheduledFuture;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import net.icqtransport.core.legacy.LegacyContactId;
import net.icqtransport.core.legacy.LegacySearchQuery;
import net.icqtransport.core.legacy.LegacyUserInfo;
import net.icqtransport.oscar.OscarProtocolException;
import net.icqtransport.oscar.client.FlapConnection;
import net.icqtransport.oscar.snac.Snac;
import net.icqtransport.oscar.snac.SnacError;
import net.icqtransport.oscar.snac.SnacType;
import net.icqtransport.oscar.snac.icq.BasicInfo;
import net.icqtransport.oscar.snac.icq.EmailInfo;
import net.icqtransport.oscar.snac.icq.FoundUser;
import net.icqtransport.oscar.snac.icq.MetaReader;
import net.icqtransport.oscar.snac.icq.MetaReply;
import net.icqtransport.oscar.snac.icq.MetaRequest;
import net.icqtransport.oscar.snac.icq.MoreInfo;
import net.icqtransport.oscar.snac.icq.ShortInfo;
import net.icqtransport.oscar.snac.icq.WorkInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * User info and white-pages search of one session over family 0x15 (iserverd {@code snac_15_02_07d0.txt},
 * {@code snac_15_03_07da.txt}). Full info is SNAC(15,02)/07D0/04D0, answered by several 07DA replies (00C8 basic,
 * 00DC more, 00D2 work, 00E6 notes, 00EB e-mails, …) up to the one without the "more follow" flag; when the server
 * refuses it, short info 04BA (→ 0104) is tried. Searches are 0569 by UIN, 0573 by e-mail and 055F white pages,
 * answered by 01A4 per user and 01AE for the last. Replies are matched by the META sequence number, errors
 * (SNAC(15,01)) by request id. Confined to the session's event loop.
 */
final class IcqDirectory {
  private static final Logger LOG = LoggerFactory.getLogger(IcqDirectory.class);

  private final FlapConnection connection;
  private final EventLoop loop;
  private final LegacyContactId account;
  private final long ownerUin;
  private final IcqNetworkSettings settings;
  private final Map<Integer, Pending> bySequence = new HashMap<>();
  private final Map<Long, Pending> byRequestId = new HashMap<>();
  private int nextSequence = 1;
  private boolean closed;

  /** One request waiting for its replies. */
  private abstract class Pending {
    final int sequence;
    long requestId;
    ScheduledFuture<?> timeout;

    Pending(int sequence) {
      this.sequence = sequence;
    }

    /** Takes one reply; returns whether the request is finished. */
    abstract boolean reply(MetaReply reply);

    /** The server refused the request (SNAC(15,01)); returns whether the request is finished. */
    abstract boolean refused(SnacError error);

    abstract void timedOut();

    abstract void fail(Throwable cause);
  }

  IcqDirectory(FlapConnection connection, LegacyContactId account, IcqNetworkSettings settings) {
    this.connection = connection;
    this.loop = connection.eventLoop();
    this.account = account;
    // 0 for an AIM screen name: the ICQ directory (family 0x15) serves ICQ numbers only, see requireIcqAccount.
    this.ownerUin = IcqNetwork.isUin(account.value()) ? Long.parseLong(account.value()) : 0;
    this.settings = settings;
  }

  /** SNAC(15,02)/07D0/04D0, falling back to 04BA; call on the event loop. */
  CompletableFuture<LegacyUserInfo> fetchUserInfo(LegacyContactId user) {
    CompletableFuture<LegacyUserInfo> future = new CompletableFuture<>();
    long uin;
    try {
      requireIcqAccount();
      uin = uin(user);
    } catch (IllegalArgumentException e) {
      return CompletableFuture.failedFuture(e);
    }
    if (closed) {
      return CompletableFuture.failedFuture(notConnected());
    }
    int sequence = sequence();
    start(new InfoRequest(sequence, user, uin, future), MetaRequest.fullInfo(ownerUin, sequence, uin));
    return future;
  }

  /** 0569 for a UIN, 0573 for an e-mail address alone, else 055F white pages; call on the event loop. */
  CompletableFuture<List<LegacyUserInfo>> search(LegacySearchQuery query) {
    CompletableFuture<List<LegacyUserInfo>> future = new CompletableFuture<>();
    if (closed) {
      return CompletableFuture.failedFuture(notConnected());
    }
    try {
      requireIcqAccount();
    } catch (IllegalArgumentException e) {
      return CompletableFuture.failedFuture(e);
    }
    int sequence = sequence();
    MetaRequest request;
    if (query.uin() != null) {
      try {
        request = MetaRequest.searchByUin(ownerUin, sequence, uin(query.uin()));
      } catch (IllegalArgumentException e) {
        return CompletableFuture.failedFuture(e);
      }
    } else if (isSet(query.email()) && !isSet(query.nickname()) && !isSet(query.firstName())
        && !isSet(query.lastName()) && !Boolean.TRUE.equals(query.onlineOnly())) {
      request = MetaRequest.searchByEmail(ownerUin, sequence, query.email().strip(), settings.legacyCodepage());
    } else {
      request = MetaRequest.whitePages(ownerUin, sequence, query.firstName(), query.lastName(), query.nickname(),
          query.email(), Boolean.TRUE.equals(query.onlineOnly()), settings.legacyCodepage());
    }
    start(new SearchRequest(sequence, future), request);
    return future;
  }

  /** Takes SNAC(15,03) replies and SNAC(15,01) errors of this directory's requests; false for anything else. */
  boolean accept(Snac snac) {
    if (snac.is(SnacType.ICQ_EXT_REPLY)) {
      MetaReply reply;
      try {
        reply = MetaReply.decode(snac);
      } catch (OscarProtocolException e) {
        Pending pending = byRequestId.get(snac.requestId());
        if (pending == null) {
          return false;
        }
        finish(pending);
        pending.fail(e);
        return true;
      }
      Pending pending = reply.isMeta() ? bySequence.get(reply.sequence()) : null;
      if (pending == null && reply.isMeta()) {
        pending = byRequestId.get(snac.requestId());
      }
      if (pending == null) {
        return false;
      }
      boolean done;
      try {
        done = pending.reply(reply);
      } catch (OscarProtocolException e) {
        LOG.debug("{}: broken META reply {}: {}", account, reply, e.getMessage());
        finish(pending);
        pending.fail(e);
        return true;
      }
      if (done) {
        finish(pending);
      }
      return true;
    }
    if (snac.is(SnacType.ICQ_EXT_ERROR)) {
      Pending pending = byRequestId.get(snac.requestId());
      if (pending == null) {
        return false;
      }
      if (pending.refused(SnacError.decode(snac))) {
        finish(pending);
      }
      return true;
    }
    return false;
  }

  /** Fails every request: the session is over. */
  void close() {
    closed = true;
    for (Pending pending : List.copyOf(bySequence.values())) {
      finish(pending);
      pending.fail(notConnected());
    }
  }

  int pendingRequests() {
    return bySequence.size();
  }

  private void start(Pending pending, MetaRequest request) {
    send(pending, request);
    pending.timeout = loop.schedule(() -> {
      if (bySequence.get(pending.sequence) == pending) {
        finish(pending);
        pending.timedOut();
      }
    }, settings.requestTimeout().toMillis(), TimeUnit.MILLISECONDS);
  }

  private void send(Pending pending, MetaRequest request) {
    byRequestId.remove(pending.requestId);
    bySequence.put(pending.sequence, pending);
    pending.requestId = connection.send(request::toSnac);
    byRequestId.put(pending.requestId, pending);
  }

  private void finish(Pending pending) {
    bySequence.remove(pending.sequence, pending);
    byRequestId.remove(pending.requestId, pending);
    if (pending.timeout != null) {
      pending.timeout.cancel(false);
    }
  }

  private int sequence() {
    int sequence = nextSequence;
    nextSequence = nextSequence >= 0xFFFF ? 1 : nextSequence + 1;
    return sequence;
  }

  private String timeoutText(String what) {
    return "the ICQ server did not answer the " + what + " within " + settings.requestTimeout().toSeconds() + " s";
  }

  /** The ICQ directory answers ICQ accounts only (OSCAR-ICQ.md, family 0x15); an AIM screen name has no UIN. */
  private void requireIcqAccount() {
    if (ownerUin == 0) {
      throw new IllegalArgumentException("the ICQ directory serves ICQ numbers only, not the AIM screen name "
          + account.value());
    }
  }

  private static long uin(LegacyContactId id) {
    if (!IcqNetwork.isUin(id.value())) {
      throw new IllegalArgumentException("not an ICQ UIN: " + id.value());
    }
    return Long.parseLong(id.value());
  }

  private static boolean isSet(String text) {
    return text != null && !text.isBlank();
  }

  private static IllegalStateException notConnected() {
    return new IllegalStateException("not connected to ICQ");
  }

  /** Full info, collected from its replies; short info when full info is refused. */
  private final class InfoRequest extends Pending {
    final LegacyContactId user;
    final long uin;
    final CompletableFuture<LegacyUserInfo> future;
    BasicInfo basic;
    MoreInfo more;
    WorkInfo work;
    String notes;
    String extraEmail;
    boolean shortInfoAsked;

    InfoRequest(int sequence, LegacyContactId user, long uin, CompletableFuture<LegacyUserInfo> future) {
      super(sequence);
      this.user = user;
      this.uin = uin;
      this.future = future;
    }

    @Override
    boolean reply(MetaReply reply) {
      var codepage = settings.legacyCodepage();
      switch (reply.subtype()) {
        case MetaReply.BASIC_INFO -> {
          if (!reply.isSuccess()) {
            future.completeExceptionally(new NoSuchElementException("no ICQ user " + user.value()));
            return true;
          }
          basic = BasicInfo.parse(reply.data(), codepage);
        }
        case MetaReply.MORE_INFO -> more = reply.isSuccess() ? MoreInfo.parse(reply.data(), codepage) : null;
        case MetaReply.WORK_INFO -> work = reply.isSuccess() ? WorkInfo.parse(reply.data(), codepage) : null;
        case MetaReply.NOTES -> notes = reply.isSuccess()
            ? new MetaReader(reply.data(), codepage, "notes (07DA/00E6)").string("notes") : null;
        case MetaReply.EMAILS -> {
          if (reply.isSuccess()) {
            extraEmail = EmailInfo.parse(reply.data(), codepage).addresses().stream().findFirst().orElse(null);
          }
        }
        case MetaReply.SHORT_INFO -> {
          if (!reply.isSuccess()) {
            future.completeExceptionally(new NoSuchElementException("no ICQ user " + user.value()));
          } else {
            future.complete(IcqUserInfoMapper.shortInfo(user, ShortInfo.parse(reply.data(), codepage)));
          }
          return true;
        }
        default -> LOG.debug("{}: info reply {} not used", account, reply);
      }
      boolean last = !reply.moreFollow() || reply.subtype() == MetaReply.AFFILIATIONS;
      if (last) {
        complete();
      }
      return last;
    }

    private void complete() {
      if (basic == null && more == null && work == null && notes == null) {
        future.completeExceptionally(new NoSuchElementException("no info on ICQ user " + user.value()));
      } else {
        future.complete(IcqUserInfoMapper.fullInfo(user, basic, more, work, notes, extraEmail));
      }
    }

    @Override
    boolean refused(SnacError error) {
      if (!shortInfoAsked) {
        LOG.debug("{}: full info refused (0x{}), asking for short info", account, Integer.toHexString(error.code()));
        shortInfoAsked = true;
        send(this, MetaRequest.shortInfo(ownerUin, sequence, uin));
        return false;
      }
      future.completeExceptionally(new IllegalStateException(
          String.format("the ICQ server refused the user info request (error 0x%04X)", error.code())));
      return true;
    }

    @Override
    void timedOut() {
      if (basic != null) {
        LOG.debug("{}: info on {} incomplete at the timeout, returning what came", account, user);
        complete();
      } else {
        future.completeExceptionally(new TimeoutException(timeoutText("user info request")));
      }
    }

    @Override
    void fail(Throwable cause) {
      future.completeExceptionally(cause);
    }
  }

  /** Search results, collected up to "last user found". */
  private final class SearchRequest extends Pending {
    final CompletableFuture<List<LegacyUserInfo>> future;
    final List<LegacyUserInfo> results = new ArrayList<>();

    SearchRequest(int sequence, CompletableFuture<List<LegacyUserInfo>> future) {
      super(sequence);
      this.future = future;
    }

    @Override
    boolean reply(MetaReply reply) {
      boolean last = reply.subtype() == MetaReply.LAST_USER_FOUND;
      if (reply.subtype() != MetaReply.USER_FOUND && !last) {
        LOG.debug("{}: search reply {} not used", account, reply);
        return false;
      }
      if (reply.isSuccess()) {
        FoundUser user = FoundUser.parse(reply.data(), last, settings.legacyCodepage());
        if (user.uin() > 0) {
          results.add(IcqUserInfoMapper.found(user));
        }
        if (last && user.usersLeft().orElse(0) > 0) {
          LOG.debug("{}: search matched {} more users than the server sent", account, user.usersLeft().getAsLong());
        }
      }
      if (last) {
        future.complete(List.copyOf(results));
      }
      return last;
    }

    @Override
    boolean refused(SnacError error) {
      future.completeExceptionally(new IllegalStateException(
          String.format("the ICQ server refused the search (error 0x%04X)", error.code())));
      return true;
    }

    @Override
    void timedOut() {
      future.completeExceptionally(new TimeoutException(timeoutText("search")));
    }

    @Override
    void fail(Throwable cause) {
      future.completeExceptionally(cause);
    }
  }
}
