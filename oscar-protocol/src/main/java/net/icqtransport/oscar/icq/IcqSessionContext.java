package net.icqtransport.oscar.icq;

import io.netty.channel.EventLoop;
import java.util.function.Consumer;
import java.util.function.LongFunction;
import net.icqtransport.core.legacy.LegacyContactId;
import net.icqtransport.core.legacy.LegacyListener;
import net.icqtransport.oscar.snac.Snac;

/**
 * What an {@link IcqSession}'s feature handlers (contact list, authorization, status messages, offline messages,
 * incoming channel-2/4 messages) may use of it. Every method is called on the session's event loop.
 */
interface IcqSessionContext {
  LegacyContactId account();

  IcqNetworkSettings settings();

  EventLoop loop();

  /** Whether the session ended; nothing is sent after that. */
  boolean isClosed();

  /** Sends a SNAC with a fresh request id on the BOS connection and returns that id (0 when closed). */
  long send(LongFunction<Snac> snac);

  /** Calls the listener unless the session ended; a failing listener is logged, never breaks the session. */
  void notify(Consumer<LegacyListener> call);
}
