package net.icqtransport.oscar.icq;

import io.netty.channel.EventLoop;
import io.netty.util.concurrent.ScheduledFuture;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.LongFunction;
import net.icqtransport.core.legacy.AvatarId;
import net.icqtransport.core.legacy.LegacyContactId;
import net.icqtransport.oscar.OscarProtocolException;
import net.icqtransport.oscar.client.FlapConnection;
import net.icqtransport.oscar.client.ServiceConnection;
import net.icqtransport.oscar.snac.Snac;
import net.icqtransport.oscar.snac.SnacError;
import net.icqtransport.oscar.snac.SnacType;
import net.icqtransport.oscar.snac.bart.BartDownloadReply;
import net.icqtransport.oscar.snac.bart.BartDownloadRequest;
import net.icqtransport.oscar.snac.bart.BartId;
import net.icqtransport.oscar.snac.bart.BartUpload;
import net.icqtransport.oscar.snac.bart.BartUploadReply;
import net.icqtransport.oscar.snac.service.ServiceRedirect;
import net.icqtransport.oscar.snac.service.ServiceRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Avatars of one session over BART (family 0x10). When the BOS server does not serve family 0x10 itself, the
 * first avatar request asks for a service connection (SNAC(01,04) → (01,05), iserverd {@code service_request.txt})
 * and keeps it for the session; requests wait until it is ready. Downloads are SNAC(10,06) → (10,07), uploads
 * (10,02) → (10,03). A server without BART (an error to 01/04) makes every request fail with
 * {@link UnsupportedOperationException}. Confined to the session's event loop.
 */
final class IcqAvatars implements ServiceConnection.Handler {
  private static final Logger LOG = LoggerFactory.getLogger(IcqAvatars.class);
  private static final int BART = 0x10;

  private enum State { IDLE, REQUESTED, CONNECTING, READY, UNSUPPORTED, CLOSED }

  private final FlapConnection bos;
  private final EventLoop loop;
  private final boolean bosServesBart;
  private final IcqNetworkSettings settings;
  private final LegacyContactId account;
  private State state;
  private long serviceRequestId = -1;
  private ServiceConnection service;
  private String unsupportedWhy;
  private final List<Operation> waiting = new ArrayList<>();
  private final Map<Long, Operation> inFlight = new HashMap<>();

  /** One download or upload. */
  private abstract class Operation {
    ScheduledFuture<?> timeout;
    long requestId = -1;

    abstract Snac toSnac(long requestId);

    abstract void answered(Snac snac);

    abstract void fail(Throwable cause);

    abstract String what();
  }

  IcqAvatars(FlapConnection bos, boolean bosServesBart, IcqNetworkSettings settings, LegacyContactId account) {
    this.bos = bos;
    this.loop = bos.eventLoop();
    this.bosServesBart = bosServesBart;
    this.settings = settings;
    this.account = account;
    this.state = bosServesBart ? State.READY : State.IDLE;
  }

  /** SNAC(10,06) for {@code contact}'s icon with hash {@code avatar}; call on the event loop. */
  CompletableFuture<byte[]> fetch(LegacyContactId contact, AvatarId avatar) {
    CompletableFuture<byte[]> future = new CompletableFuture<>();
    BartId id = BartId.buddyIcon(avatar);
    submit(new Operation() {
      @Override
      Snac toSnac(long requestId) {
        return new BartDownloadRequest(contact.value(), List.of(id)).toSnac(requestId);
      }

      @Override
      void answered(Snac snac) {
        BartDownloadReply reply = BartDownloadReply.decode(snac);
        if (reply.isSuccess()) {
          future.complete(reply.icon());
        } else {
          future.completeExceptionally(new NoSuchElementException(String.format(
              "the ICQ server has no avatar %s of %s (code %d)", avatar.hex(), contact.value(), reply.code())));
        }
      }

      @Override
      void fail(Throwable cause) {
        future.completeExceptionally(cause);
      }

      @Override
      String what() {
        return "avatar download";
      }
    });
    return future;
  }

  /** SNAC(10,02) with the own icon; completes with the id the server stored it under. */
  CompletableFuture<AvatarId> upload(byte[] image) {
    CompletableFuture<AvatarId> future = new CompletableFuture<>();
    BartUpload upload;
    try {
      upload = new BartUpload(BartId.BUDDY_ICON, image);
    } catch (IllegalArgumentException e) {
      return CompletableFuture.failedFuture(e);
    }
    submit(new Operation() {
      @Override
      Snac toSnac(long requestId) {
        return upload.toSnac(requestId);
      }

      @Override
      void answered(Snac snac) {
        BartUploadReply reply = BartUploadReply.decode(snac);
        if (!reply.isSuccess()) {
          future.completeExceptionally(new IllegalStateException(
              "the ICQ server refused the avatar (code " + reply.code() + ")"));
        } else if (reply.id().hash().length == 16) {
          future.complete(reply.id().toAvatarId());
        } else {
          future.complete(AvatarId.of(md5(image)));
        }
      }

      @Override
      void fail(Throwable cause) {
        future.completeExceptionally(cause);
      }

      @Override
      String what() {
        return "avatar upload";
      }
    });
    return future;
  }

  /**
   * Takes what belongs to avatars from the BOS connection: the answer to this side's SNAC(01,04) and, when the
   * BOS server serves BART itself, family 0x10. False for anything else.
   */
  boolean accept(Snac snac) {
    if (state == State.REQUESTED && snac.requestId() == serviceRequestId) {
      if (snac.is(SnacType.SERVICE_REDIRECT)) {
        redirected(snac);
        return true;
      }
      if (snac.is(SnacType.SERVICE_ERROR)) {
        unsupported(String.format("the ICQ server offers no avatar service (BART): error 0x%04X to the service "
            + "request", SnacError.decode(snac).code()));
        return true;
      }
    }
    if (bosServesBart && snac.family() == BART) {
      bartSnac(snac);
      return true;
    }
    return false;
  }

  /** Fails every request and closes the service connection: the session is over. */
  void close() {
    state = State.CLOSED;
    if (service != null) {
      service.close();
      service = null;
    }
    failAll(new IllegalStateException("not connected to ICQ"));
  }

  /** The service connection, for tests and metrics. */
  boolean hasServiceConnection() {
    return service != null;
  }

  private void submit(Operation operation) {
    switch (state) {
      case CLOSED -> {
        operation.fail(new IllegalStateException("not connected to ICQ"));
        return;
      }
      case UNSUPPORTED -> {
        operation.fail(new UnsupportedOperationException(unsupportedWhy));
        return;
      }
      default -> { }
    }
    operation.timeout = loop.schedule(() -> {
      if (waiting.remove(operation) || inFlight.remove(operation.requestId, operation)) {
        operation.fail(new TimeoutException("the ICQ server did not answer the " + operation.what() + " within "
            + settings.requestTimeout().toSeconds() + " s"));
      }
    }, settings.requestTimeout().toMillis(), TimeUnit.MILLISECONDS);
    if (state == State.READY) {
      send(operation);
      return;
    }
    waiting.add(operation);
    if (state == State.IDLE) {
      state = State.REQUESTED;
      serviceRequestId = bos.send(new ServiceRequest(BART)::toSnac);
      LOG.debug("{}: asking for a BART service connection", account);
    }
  }

  private void send(Operation operation) {
    LongFunction<Snac> snac = operation::toSnac;
    long requestId = bosServesBart ? bos.send(snac) : service.send(snac);
    operation.requestId = requestId;
    inFlight.put(requestId, operation);
  }

  private void redirected(Snac snac) {
    ServiceRedirect redirect;
    try {
      redirect = ServiceRedirect.decode(snac);
    } catch (OscarProtocolException e) {
      reset("unusable service redirect: " + e.getMessage());
      return;
    }
    if (redirect.family() != BART) {
      reset(String.format("the server redirected to family 0x%04X instead of BART", redirect.family()));
      return;
    }
    state = State.CONNECTING;
    LOG.debug("{}: BART service at {}:{}", account, redirect.host(), redirect.port());
    service = ServiceConnection.open(loop, settings.clientConfig(), redirect, Map.of(BART, 1), this);
  }

  @Override
  public void ready(ServiceConnection connection) {
    if (connection != service) {
      return;
    }
    state = State.READY;
    List<Operation> ready = List.copyOf(waiting);
    waiting.clear();
    ready.forEach(this::send);
  }

  @Override
  public void snacReceived(ServiceConnection connection, Snac snac) {
    if (connection == service) {
      bartSnac(snac);
    }
  }

  @Override
  public void ended(ServiceConnection connection, String why) {
    if (connection == service) {
      service = null;
      reset(why);
    }
  }

  private void bartSnac(Snac snac) {
    Operation operation = inFlight.get(snac.requestId());
    if (operation == null) {
      LOG.debug("{}: BART {} for no pending request", account, snac);
      return;
    }
    if (SnacType.isError(snac)) {
      finish(operation);
      int code = SnacError.decode(snac).code();
      operation.fail(code == SnacError.SERVICE_UNAVAILABLE || code == 0x14
          ? new NoSuchElementException(String.format("the ICQ server refused the %s (error 0x%04X)", operation.what(),
              code))
          : new IllegalStateException(String.format("the ICQ server refused the %s (error 0x%04X)", operation.what(),
              code)));
      return;
    }
    if (!snac.is(SnacType.BART_DOWNLOAD_ICQ_REPLY) && !snac.is(SnacType.BART_UPLOAD_REPLY)) {
      LOG.debug("{}: not acting on {}", account, snac);
      return;
    }
    finish(operation);
    try {
      operation.answered(snac);
    } catch (OscarProtocolException e) {
      operation.fail(e);
    }
  }

  private void finish(Operation operation) {
    inFlight.remove(operation.requestId, operation);
    if (operation.timeout != null) {
      operation.timeout.cancel(false);
    }
  }

  /** The service connection failed or ended: fail what waits; the next request tries again. */
  private void reset(String why) {
    if (state == State.CLOSED) {
      return;
    }
    state = bosServesBart ? State.READY : State.IDLE;
    failAll(new IllegalStateException(why));
  }

  private void unsupported(String why) {
    state = State.UNSUPPORTED;
    unsupportedWhy = why;
    failAll(new UnsupportedOperationException(why));
  }

  private void failAll(Throwable cause) {
    List<Operation> all = new ArrayList<>(waiting);
    all.addAll(inFlight.values());
    waiting.clear();
    inFlight.clear();
    for (Operation operation : all) {
      if (operation.timeout != null) {
        operation.timeout.cancel(false);
      }
      operation.fail(cause);
    }
  }

  private static byte[] md5(byte[] bytes) {
    try {
      return MessageDigest.getInstance("MD5").digest(bytes);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("MD5 missing from the JDK", e);
    }
  }
}
