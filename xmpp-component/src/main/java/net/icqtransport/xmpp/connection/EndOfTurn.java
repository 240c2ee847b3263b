package net.icqtransport.xmpp.connection;

/**
 * Runs a task when the calling thread's current turn of work is over, where that thread works in turns (an event
 * loop's iteration: the reads that were ready, then the tasks queued). The {@link OutboundStanzaQueue} wakes its
 * writer once at the end of a turn for every stanza the turn sent instead of once for each: each wake-up of a
 * parked thread is a system call and a switch of threads, which cost more than writing the stanza.
 */
@FunctionalInterface
public interface EndOfTurn {
  /** For threads that do not work in turns: nothing is deferred. */
  EndOfTurn NONE = task -> false;

  /**
   * Arranges for {@code task} to run on the calling thread once its current turn is over and returns true, or
   * returns false (and never runs it) when the calling thread does not work in turns.
   */
  boolean runAfterThisTurn(Runnable task);
}
