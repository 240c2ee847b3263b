package net.icqtransport.distribution.e2e;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.LoggerFactory;

/** The transport's log lines ("LEVEL message"), collected in this JVM from the {@code net.icqtransport} logger. */
final class TransportLog extends AppenderBase<ILoggingEvent> {
  private final List<String> lines = new CopyOnWriteArrayList<>();

  @Override
  public void start() {
    setContext((LoggerContext) LoggerFactory.getILoggerFactory());
    setName("transport-log-scan");
    super.start();
    ((Logger) LoggerFactory.getLogger("net.icqtransport")).addAppender(this);
  }

  @Override
  public void stop() {
    ((Logger) LoggerFactory.getLogger("net.icqtransport")).detachAppender(this);
    super.stop();
  }

  @Override
  protected void append(ILoggingEvent event) {
    lines.add(event.getLevel() + " " + event.getFormattedMessage());
  }

  List<String> lines() {
    return List.copyOf(lines);
  }

  /** The lines that mention {@code word} (any case), one a line, for failure messages. */
  String linesAbout(String word) {
    String lower = word.toLowerCase(Locale.ROOT);
    return String.join("\n", lines.stream().filter(line -> line.toLowerCase(Locale.ROOT).contains(lower)).toList());
  }
}
