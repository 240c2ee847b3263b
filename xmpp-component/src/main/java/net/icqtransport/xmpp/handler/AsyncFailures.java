package net.icqtransport.xmpp.handler;

import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/** The real cause of a failed {@link java.util.concurrent.CompletableFuture}. */
public final class AsyncFailures {

  private AsyncFailures() {}

  public static Throwable unwrap(Throwable failure) {
    Throwable t = failure;
    while ((t instanceof CompletionException || t instanceof ExecutionException) && t.getCause() != null) {
      t = t.getCause();
    }
    return t;
  }
}
