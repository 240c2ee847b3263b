package net.icqtransport.distribution.e2e;

import java.time.Duration;
import java.time.Instant;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/** Polls a condition until it holds or a deadline passes; the failure names what was awaited. */
public final class Await {
  private Await() {}

  public static void until(BooleanSupplier condition, Duration timeout, String what) {
    until(condition, timeout, () -> what);
  }

  /** As {@link #until(BooleanSupplier, Duration, String)}, the failure's text made when it fails (state at the end). */
  public static void until(BooleanSupplier condition, Duration timeout, Supplier<String> what) {
    Instant deadline = Instant.now().plus(timeout);
    while (!condition.getAsBoolean()) {
      if (Instant.now().isAfter(deadline)) {
        throw new AssertionError("timed out after " + timeout + " waiting for: " + what.get());
      }
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError("interrupted waiting for: " + what.get(), e);
      }
    }
  }
}
