package net.icqtransport.oscar.icq;

import io.netty.util.concurrent.ScheduledFuture;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import net.icqtransport.core.legacy.LegacyContact;
import net.icqtransport.core.legacy.LegacyContactId;
import net.icqtransport.core.legacy.LegacyUserInfo;
import net.icqtransport.oscar.OscarProtocolException;
import net.icqtransport.oscar.snac.Snac;
import net.icqtransport.oscar.snac.SnacError;
import net.icqtransport.oscar.snac.SnacType;
import net.icqtransport.oscar.snac.location.LocationInfoQuery;
import net.icqtransport.oscar.snac.location.LocationInfoRequest;
import net.icqtransport.oscar.snac.location.LocationUserInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Away messages and profiles the AIM way, over the location family 0x02 (issue #16): SNAC(02,15) with the part
 * asked for (iserverd {@code snac_02_15}) is answered by SNAC(02,06) ({@code snac_02_06}), or by SNAC(02,01)
 * ({@code snac_02_01}), code 4 when the user is not online. A server that refuses 02/15 otherwise is asked once
 * more with the older SNAC(02,05) ({@code snac_02_05}). Answers are matched by request id. The texts are HTML
 * (AOL's subset) and come out as plain text ({@link AimHtml}).
 *
 * <p>AIM screen names have no ICQ directory (family 0x15) and their clients answer no ICQ auto-message requests:
 * this is where their away messages and profiles are. Confined to the session's event loop.
 */
final class AimLocation {
  private static final Logger LOG = LoggerFactory.getLogger(AimLocation.class);

  private final IcqSessionContext session;
  private final boolean available;
  private final Map<Long, Query> pending = new HashMap<>();

  /** One question waiting for its 02/06 or 02/01. */
  private final class Query {
    final String screenName;
    final long flags;
    final CompletableFuture<Optional<LocationUserInfo>> future = new CompletableFuture<>();
    boolean olderForm;
    long requestId;
    ScheduledFuture<?> timeout;

    Query(String screenName, long flags) {
      this.screenName = screenName;
      this.flags = flags;
    }
  }

  /** @param available whether the server offers family 0x02 (01/03): never send to a family it does not list */
  AimLocation(IcqSessionContext session, boolean available) {
    this.session = session;
    this.available = available;
  }

  /** Whether the server offers the location family. */
  boolean available() {
    return available;
  }

  /**
   * The contact's away message as plain text; empty when it has none, is not online, or the server does not
   * answer (a missing text is never an error). Call on the event loop.
   */
  CompletableFuture<Optional<String>> awayMessage(LegacyContactId contact) {
    return query(contact.value(), LocationInfoQuery.AWAY_MESSAGE)
        .thenApply(info -> info.flatMap(LocationUserInfo::awayMessage).map(AimHtml::toPlainText)
            .filter(text -> !text.isBlank()))
        .exceptionally(failure -> {
          LOG.debug("{}: no away message of {}: {}", session.account(), contact, failure.toString());
          return Optional.empty();
        });
  }

  /**
   * The contact's profile as user info: the screen name as its owner formats it ("Mary Ann") as nickname, the
   * profile as plain text as "about". A contact that is not online has no profile to read (servers keep it with
   * the session): its info holds the name it has in the user's list, if any. Call on the event loop.
   */
  CompletableFuture<LegacyUserInfo> userInfo(LegacyContactId contact, Optional<LegacyContact> listed) {
    return query(contact.value(), LocationInfoQuery.PROFILE).thenApply(answer -> {
      if (answer.isEmpty()) {
        String name = listed.map(LegacyContact::nickname).orElse(contact.value());
        return new LegacyUserInfo(contact, name, null, null, null, null, null, null, null, null, null, null, null,
            false);
      }
      LocationUserInfo info = answer.get();
      String about = info.profile().map(AimHtml::toPlainText).filter(text -> !text.isBlank()).orElse(null);
      String nickname = info.user().screenName().isBlank() ? contact.value() : info.user().screenName().strip();
      return new LegacyUserInfo(contact, nickname, null, null, null, null, null, null, null, about, null, null, null,
          true);
    });
  }

  /**
   * Asks the server about {@code screenName}: the 02/06, or empty when the user is not online (02/01 code 4).
   * Fails on any other refusal, on a timeout and when the session ends. Call on the event loop.
   */
  CompletableFuture<Optional<LocationUserInfo>> query(String screenName, long flags) {
    if (!available) {
      return CompletableFuture.failedFuture(
          new UnsupportedOperationException("the OSCAR server does not offer the location family (0x02)"));
    }
    if (session.isClosed()) {
      return CompletableFuture.failedFuture(new IllegalStateException("not connected to ICQ"));
    }
    Query query = new Query(screenName, flags);
    send(query);
    query.timeout = session.loop().schedule(() -> {
      if (pending.remove(query.requestId, query)) {
        query.future.completeExceptionally(new TimeoutException("the OSCAR server did not answer the location query"
            + " within " + session.settings().requestTimeout().toSeconds() + " s"));
      }
    }, session.settings().requestTimeout().toMillis(), TimeUnit.MILLISECONDS);
    return query.future;
  }

  private void send(Query query) {
    pending.remove(query.requestId, query);
    query.requestId = query.olderForm
        ? session.send(new LocationInfoRequest(LocationInfoRequest.typeFor(query.flags), query.screenName)::toSnac)
        : session.send(new LocationInfoQuery(query.flags, query.screenName)::toSnac);
    pending.put(query.requestId, query);
  }

  /** Takes SNAC(02,06) and SNAC(02,01) answering this session's queries; false for anything else. */
  boolean accept(Snac snac) {
    boolean info = snac.is(SnacType.LOCATION_INFO);
    if (!info && !snac.is(SnacType.LOCATION_ERROR)) {
      return false;
    }
    Query query = pending.get(snac.requestId());
    if (query == null) {
      return false;
    }
    if (info) {
      finish(query);
      try {
        query.future.complete(Optional.of(LocationUserInfo.decode(snac)));
      } catch (OscarProtocolException e) {
        query.future.completeExceptionally(e);
      }
      return true;
    }
    SnacError error = SnacError.decode(snac);
    if (error.code() == SnacError.RECIPIENT_NOT_LOGGED_IN) {
      finish(query);
      query.future.complete(Optional.empty());
    } else if (!query.olderForm) {
      LOG.debug("{}: 02/15 refused (0x{}), asking with 02/05", session.account(), Integer.toHexString(error.code()));
      query.olderForm = true;
      send(query);
    } else {
      finish(query);
      query.future.completeExceptionally(new IllegalStateException(
          String.format("the OSCAR server refused the location query (error 0x%04X)", error.code())));
    }
    return true;
  }

  /** Fails every query: the session is over. */
  void close() {
    for (Query query : List.copyOf(pending.values())) {
      finish(query);
      query.future.completeExceptionally(new IllegalStateException("not connected to ICQ"));
    }
  }

  int pendingQueries() {
    return pending.size();
  }

  private void finish(Query query) {
    pending.remove(query.requestId, query);
    if (query.timeout != null) {
      query.timeout.cancel(false);
    }
  }
}
