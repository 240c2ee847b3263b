package net.icqtransport.distribution.operations;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import java.util.HashMap;
import java.util.Map;
import org.slf4j.LoggerFactory;

/** Applies {@code icq-transport.logging.levels} to Logback at start, over what conf/logback.xml sets. */
public final class LogLevels {
  private LogLevels() {}

  /** Puts the levels back when closed. */
  public interface Restore extends AutoCloseable {
    @Override
    void close();
  }

  /**
   * Sets each named logger's level (logger name → TRACE, DEBUG, INFO, WARN, ERROR or OFF). Does nothing when
   * SLF4J is bound to something other than Logback.
   */
  public static void apply(Map<String, String> levels) {
    if (!(LoggerFactory.getILoggerFactory() instanceof LoggerContext context)) {
      return;
    }
    levels.forEach((name, level) -> {
      Logger logger = context.getLogger(name);
      logger.setLevel(Level.toLevel(level, null));
    });
  }

  /**
   * As {@link #apply} until the returned handle is closed, which puts the loggers' levels back (a command that
   * runs in a JVM shared with others, as in tests, leaves them as it found them).
   */
  public static Restore applyUntilClosed(Map<String, String> levels) {
    if (!(LoggerFactory.getILoggerFactory() instanceof LoggerContext context)) {
      return () -> {};
    }
    Map<String, Level> previous = new HashMap<>();
    levels.keySet().forEach(name -> previous.put(name, context.getLogger(name).getLevel()));
    apply(levels);
    return () -> previous.forEach((name, level) -> context.getLogger(name).setLevel(level));
  }
}
