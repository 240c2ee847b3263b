package net.icqtransport.core.legacy;

import java.util.concurrent.CompletableFuture;

/**
 * A file a legacy contact offers the user (ICQ: a channel-2 rendezvous proposal with the send-file capability).
 * Exactly one of {@link #accept} and {@link #decline} should be called; an offer left alone times out on the
 * sender's side. Callable from any thread.
 */
public interface LegacyFileOffer {

  /** The file's name as the sender gave it: a name only, never to be used as a path. */
  String fileName();

  /** The size the sender announced, in bytes. */
  long size();

  /**
   * Takes the file. Completes with its bytes once the whole file arrived and its checksum matched, or fails with
   * {@link FileTransferException}: {@link FileTransferException.Reason#TOO_LARGE} (announced or sent size over
   * {@code maxBytes}: the offer is then cancelled on the network), {@link FileTransferException.Reason#CANCELLED}
   * (by the sender), {@link FileTransferException.Reason#TIMED_OUT}, {@link FileTransferException.Reason#FAILED}.
   */
  CompletableFuture<byte[]> accept(long maxBytes);

  /** Refuses the file; the sender is told. */
  void decline();
}
