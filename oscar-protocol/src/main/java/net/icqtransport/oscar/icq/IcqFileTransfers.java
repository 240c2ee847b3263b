package net.icqtransport.oscar.icq;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import net.icqtransport.core.legacy.FileTransferException;
import net.icqtransport.core.legacy.FileTransferException.Reason;
import net.icqtransport.core.legacy.LegacyContactId;
import net.icqtransport.core.legacy.LegacyFileOffer;
import net.icqtransport.oscar.OscarProtocolException;
import net.icqtransport.oscar.oft.OftFileLimitException;
import net.icqtransport.oscar.oft.OftProxyCommand;
import net.icqtransport.oscar.oft.OftProxyFrame;
import net.icqtransport.oscar.oft.OftSendfile;
import net.icqtransport.oscar.snac.icbm.IcbmChannel2Send;
import net.icqtransport.oscar.snac.icbm.IcbmFileProposal;
import net.icqtransport.oscar.snac.icbm.IcbmReceived;
import net.icqtransport.oscar.snac.icbm.IcbmRendezvous;
import net.icqtransport.oscar.snac.location.Capability;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * OFT file transfers of one session: channel-2 send-file rendezvous (SNAC 04/06, 04/07 with capability
 * {09461343-4C7F-11D1-8222-444553540000}) on the session's event loop, the OFT2 connections themselves
 * ({@link OftSendfile}) on a transfer executor with blocking sockets and timeouts.
 *
 * <p>Receiving: the offer goes to the listener; on accept the session connects to the proposal's address and
 * port, or, when TLV 0x10 is set, to the rendezvous proxy at the proposal's address and the configured proxy
 * port (INITIATE_RECEIVE with the pin of TLV 0x05), then sends the accept (type 2) and takes the file. Sending:
 * a listener on the configured port range, or the proxy (INITIATE_SEND, the pin from its ACKNOWLEDGE), is
 * proposed; the first connection (or READY) carries the file. Either side may cancel (type 1). Reverse and
 * redirected connections (request numbers 2 and 3) are not made: such proposals are cancelled.
 */
final class IcqFileTransfers {
  private static final Logger LOG = LoggerFactory.getLogger(IcqFileTransfers.class);

  private final IcqSessionContext session;
  private final IcqPresences presences;
  private final IcqFileTransferSettings settings;
  private final Executor executor;
  private final Supplier<Optional<InetSocketAddress>> localAddress;
  /** Offers and sends by ICBM cookie; touched on the event loop only. */
  private final Map<Long, Incoming> incoming = new HashMap<>();
  private final Map<Long, Outgoing> outgoing = new HashMap<>();

  /** @param executor runs blocking transfers; {@code null}: transfers are off and offers are declined */
  IcqFileTransfers(IcqSessionContext session, IcqPresences presences, IcqFileTransferSettings settings,
      Executor executor, Supplier<Optional<InetSocketAddress>> localAddress) {
    this.session = session;
    this.presences = presences;
    this.settings = settings;
    this.executor = executor;
    this.localAddress = localAddress;
  }

  /** A channel-2 ICBM: returns whether it was a send-file rendezvous (and so handled here). */
  boolean accept(IcbmReceived icbm) {
    return icbm.rendezvous().map(rendezvous -> rendezvous(icbm, rendezvous)).orElse(false);
  }

  private boolean rendezvous(IcbmReceived icbm, IcbmRendezvous rendezvous) {
    if (!Capability.SEND_FILE.matches(rendezvous.capability())) {
      return false;
    }
    String screenName = icbm.sender().screenName();
    switch (rendezvous.type()) {
      case IcbmRendezvous.PROPOSE -> proposed(screenName, rendezvous);
      case IcbmRendezvous.CANCEL -> {
        Incoming offer = incoming.remove(rendezvous.cookie());
        if (offer != null) {
          offer.cancelledBySender();
        }
        Outgoing send = outgoing.remove(rendezvous.cookie());
        if (send != null) {
          send.cancelledByContact();
        }
      }
      case IcbmRendezvous.ACCEPT -> LOG.debug("{}: a contact accepted a file", session.account());
      default -> LOG.debug("{}: send-file rendezvous of type {}", session.account(), rendezvous.type());
    }
    return true;
  }

  private void proposed(String screenName, IcbmRendezvous rendezvous) {
    long cookie = rendezvous.cookie();
    Optional<IcbmFileProposal> proposal = IcbmFileProposal.from(rendezvous, session.settings().legacyCodepage());
    if (proposal.isEmpty() || proposal.get().requestNumber() != 1 || executor == null) {
      LOG.debug("{}: cancelling a send-file proposal we cannot follow", session.account());
      cancel(screenName, cookie);
      incoming.remove(cookie);
      return;
    }
    Incoming offer = new Incoming(screenName, cookie, proposal.get());
    incoming.put(cookie, offer);
    LegacyContactId from = IcqSession.contactId(screenName);
    session.notify(listener -> listener.fileOffered(from, offer));
  }

  CompletableFuture<Void> send(LegacyContactId to, String fileName, byte[] content) {
    CompletableFuture<Void> result = new CompletableFuture<>();
    session.loop().execute(() -> {
      if (session.isClosed()) {
        result.completeExceptionally(new FileTransferException(Reason.FAILED, "not connected to ICQ"));
      } else if (executor == null) {
        result.completeExceptionally(new FileTransferException(Reason.NOT_SUPPORTED, "file transfers are off"));
      } else if (!presences.acceptsFiles(to)) {
        result.completeExceptionally(new FileTransferException(Reason.NOT_SUPPORTED,
            to.value() + " is offline or its ICQ client does not take file transfers"));
      } else {
        Outgoing send = new Outgoing(to.value(), ThreadLocalRandom.current().nextLong(), fileName, content, result);
        outgoing.put(send.cookie, send);
        result.whenComplete((ok, failure) -> session.loop().execute(() -> outgoing.remove(send.cookie)));
        run(send::run, result);
      }
    });
    return result;
  }

  /** The session ended: running transfers are cut. */
  void closed() {
    incoming.values().forEach(Incoming::cancelledBySender);
    outgoing.values().forEach(Outgoing::cancelledByContact);
    incoming.clear();
    outgoing.clear();
  }

  private void run(Runnable transfer, CompletableFuture<?> result) {
    try {
      executor.execute(transfer);
    } catch (RejectedExecutionException e) {
      result.completeExceptionally(new FileTransferException(Reason.FAILED, "the transport is shutting down"));
    }
  }

  private void cancel(String screenName, long cookie) {
    onLoop(() -> session.send(id -> new IcbmChannel2Send(cookie, screenName, IcbmFileProposal.cancel(cookie), false)
        .toSnac(id)));
  }

  private void onLoop(Runnable action) {
    if (session.loop().inEventLoop()) {
      action.run();
    } else {
      session.loop().execute(action);
    }
  }

  private Socket connect(InetSocketAddress address) throws IOException {
    Socket socket = new Socket();
    try {
      socket.connect(address, (int) settings.connectTimeout().toMillis());
      socket.setSoTimeout((int) settings.idleTimeout().toMillis());
      return socket;
    } catch (IOException e) {
      socket.close();
      throw e;
    }
  }

  private static FileTransferException failure(Throwable e, AtomicBoolean cancelled, String who) {
    if (e instanceof FileTransferException f) {
      return f;
    }
    if (cancelled.get()) {
      return new FileTransferException(Reason.CANCELLED, who + " cancelled the transfer");
    }
    if (e instanceof OftFileLimitException) {
      return new FileTransferException(Reason.TOO_LARGE, "the file is larger than the limit: " + e.getMessage());
    }
    if (e instanceof SocketTimeoutException) {
      return new FileTransferException(Reason.TIMED_OUT, who + " did not answer in time");
    }
    return new FileTransferException(Reason.FAILED, "file transfer failed: " + e.getMessage(), e);
  }

  private static void closeQuietly(AutoCloseable closeable) {
    if (closeable != null) {
      try {
        closeable.close();
      } catch (Exception ignored) {
        // closing anyway
      }
    }
  }

  /** A file a contact offers; accepting connects as the proposal says. */
  private final class Incoming implements LegacyFileOffer {
    private final String screenName;
    private final long cookie;
    private final IcbmFileProposal proposal;
    private final AtomicBoolean answered = new AtomicBoolean();
    private final AtomicBoolean cancelled = new AtomicBoolean();
    private volatile Socket socket;

    Incoming(String screenName, long cookie, IcbmFileProposal proposal) {
      this.screenName = screenName;
      this.cookie = cookie;
      this.proposal = proposal;
    }

    @Override
    public String fileName() {
      return proposal.fileName();
    }

    @Override
    public long size() {
      return proposal.totalSize();
    }

    @Override
    public CompletableFuture<byte[]> accept(long maxBytes) {
      if (!answered.compareAndSet(false, true)) {
        return CompletableFuture.failedFuture(new IllegalStateException("offer already answered"));
      }
      if (cancelled.get()) {
        return CompletableFuture.failedFuture(
            new FileTransferException(Reason.CANCELLED, "the sender cancelled the offer"));
      }
      if (proposal.totalSize() > maxBytes || proposal.fileCount() != 1) {
        finish();
        return CompletableFuture.failedFuture(new FileTransferException(
            proposal.fileCount() != 1 ? Reason.FAILED : Reason.TOO_LARGE, proposal.fileCount() != 1
                ? "offers of " + proposal.fileCount() + " files are not taken"
                : "the file has " + proposal.totalSize() + " bytes, more than the limit of " + maxBytes));
      }
      CompletableFuture<byte[]> result = new CompletableFuture<>();
      run(() -> receive(maxBytes, result), result);
      return result;
    }

    private void receive(long maxBytes, CompletableFuture<byte[]> result) {
      try {
        Socket connection = open();
        socket = connection;
        if (cancelled.get()) {
          throw new FileTransferException(Reason.CANCELLED, "the sender cancelled the transfer");
        }
        onLoop(() -> session.send(id -> new IcbmChannel2Send(cookie, screenName, IcbmFileProposal.accept(cookie),
            false).toSnac(id)));
        OftSendfile.Received file = OftSendfile.receive(connection.getInputStream(), connection.getOutputStream(),
            cookie, maxBytes);
        result.complete(file.content());
        closeQuietly(connection);
        onLoop(() -> incoming.remove(cookie));
      } catch (IOException | OscarProtocolException | FileTransferException e) {
        LOG.debug("{}: receiving a file failed: {}", session.account(), e.toString());
        FileTransferException failure = failure(e, cancelled, "the sender");
        if (!cancelled.get()) {
          finish();
        } else {
          closeQuietly(socket);
        }
        result.completeExceptionally(failure);
      }
    }

    private Socket open() throws IOException {
      if (!proposal.viaProxy()) {
        return connect(new InetSocketAddress(proposal.address(), proposal.port()));
      }
      Socket connection = connect(new InetSocketAddress(proposal.address(), settings.proxyPort()));
      try {
        connection.getOutputStream().write(OftProxyFrame.initiateReceive(session.account().value(),
            proposal.port(), cookie, Capability.SEND_FILE.guid()).toBytes());
        OftProxyFrame answer = OftProxyFrame.read(connection.getInputStream());
        if (answer.command() != OftProxyCommand.READY) {
          throw new FileTransferException(Reason.FAILED,
              "the rendezvous proxy refused the transfer (" + answer.command() + " 0x"
                  + Integer.toHexString(answer.errorCode()) + ")");
        }
        return connection;
      } catch (IOException | RuntimeException e) {
        connection.close();
        throw e;
      }
    }

    @Override
    public void decline() {
      if (answered.compareAndSet(false, true)) {
        finish();
      }
    }

    /** Cancels on the network and forgets the offer. */
    private void finish() {
      closeQuietly(socket);
      cancel(screenName, cookie);
      onLoop(() -> incoming.remove(cookie));
    }

    void cancelledBySender() {
      cancelled.set(true);
      closeQuietly(socket);
    }
  }

  /** A file the user sends: proposal, then the OFT exchange on the first connection. */
  private final class Outgoing {
    private final String screenName;
    private final long cookie;
    private final String fileName;
    private final byte[] content;
    private final CompletableFuture<Void> result;
    private final AtomicBoolean cancelled = new AtomicBoolean();
    private volatile AutoCloseable waiting;

    Outgoing(String screenName, long cookie, String fileName, byte[] content, CompletableFuture<Void> result) {
      this.screenName = screenName;
      this.cookie = cookie;
      this.fileName = Objects.requireNonNull(fileName, "fileName");
      this.content = content;
      this.result = result;
    }

    void run() {
      Socket data = null;
      try {
        data = settings.sendViaProxy() ? viaProxy() : direct();
        data.setSoTimeout((int) settings.idleTimeout().toMillis());
        OftSendfile.send(data.getInputStream(), data.getOutputStream(), cookie, fileName, content);
        result.complete(null);
      } catch (IOException | OscarProtocolException | FileTransferException e) {
        LOG.debug("{}: sending a file failed: {}", session.account(), e.toString());
        if (!cancelled.get()) {
          cancel(screenName, cookie);
        }
        result.completeExceptionally(failure(e, cancelled, "the contact"));
      } finally {
        closeQuietly(data);
        closeQuietly(waiting);
      }
    }

    private Socket direct() throws IOException {
      ServerSocket listener = bind();
      waiting = listener;
      Inet4Address advertised = advertised(listener);
      propose(new IcbmFileProposal(1, advertised, listener.getLocalPort(), false, 1, content.length, fileName));
      listener.setSoTimeout((int) settings.answerTimeout().toMillis());
      Socket socket = listener.accept();
      waiting = socket;
      listener.close();
      return socket;
    }

    private Socket viaProxy() throws IOException {
      Socket proxy = connect(new InetSocketAddress(settings.proxyHost(), settings.proxyPort()));
      waiting = proxy;
      proxy.getOutputStream().write(OftProxyFrame.initiateSend(session.account().value(), cookie,
          Capability.SEND_FILE.guid()).toBytes());
      OftProxyFrame ack = OftProxyFrame.read(proxy.getInputStream());
      if (ack.command() != OftProxyCommand.ACKNOWLEDGE) {
        throw new FileTransferException(Reason.FAILED, "the rendezvous proxy refused the transfer");
      }
      propose(new IcbmFileProposal(1, ack.address(), ack.pin(), true, 1, content.length, fileName));
      proxy.setSoTimeout((int) settings.answerTimeout().toMillis());
      OftProxyFrame ready = OftProxyFrame.read(proxy.getInputStream());
      if (ready.command() != OftProxyCommand.READY) {
        throw new FileTransferException(Reason.FAILED, "the rendezvous proxy sent " + ready.command());
      }
      waiting = null;
      return proxy;
    }

    private void propose(IcbmFileProposal proposal) {
      IcbmRendezvous rendezvous = proposal.toRendezvous(cookie);
      onLoop(() -> session.send(id -> new IcbmChannel2Send(cookie, screenName, rendezvous, false).toSnac(id)));
    }

    private ServerSocket bind() throws IOException {
      IOException last = null;
      for (int port = settings.portMin(); port <= settings.portMax(); port++) {
        ServerSocket listener = new ServerSocket();
        try {
          listener.bind(new InetSocketAddress(settings.listenHost(), port));
          return listener;
        } catch (IOException e) {
          listener.close();
          last = e;
        }
      }
      throw new FileTransferException(Reason.FAILED, "no free port in " + settings.portMin() + "-"
          + settings.portMax() + (last == null ? "" : ": " + last.getMessage()));
    }

    private Inet4Address advertised(ServerSocket listener) throws IOException {
      InetAddress address = settings.advertisedAddress() != null
          ? InetAddress.getByName(settings.advertisedAddress())
          : listener.getInetAddress().isAnyLocalAddress()
              ? localAddress.get().map(InetSocketAddress::getAddress).orElse(InetAddress.getLoopbackAddress())
              : listener.getInetAddress();
      if (address instanceof Inet4Address v4) {
        return v4;
      }
      throw new FileTransferException(Reason.FAILED, "OFT proposals carry IPv4 addresses only, not " + address);
    }

    void cancelledByContact() {
      cancelled.set(true);
      closeQuietly(waiting);
    }
  }
}
