package net.icqtransport.core.bridge;

import java.util.concurrent.CompletableFuture;

/** The answer of a {@link Gateway} role's default method: the legacy network lacks the feature. */
final class Unsupported {
  private Unsupported() {}

  static <T> CompletableFuture<T> feature(String feature) {
    return CompletableFuture.failedFuture(new UnsupportedOperationException(feature + " not supported"));
  }
}
