package net.icqtransport.xmpp.connection;

import java.time.Duration;

/** Waits between connect attempts; replaced in tests so the retry loop runs without real delays. */
@FunctionalInterface
public interface Sleeper {

  /** The real clock. */
  Sleeper SYSTEM = duration -> Thread.sleep(duration.toMillis());

  void sleep(Duration duration) throws InterruptedException;
}
