package net.icqtransport.distribution.config;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import net.icqtransport.core.tls.TlsSettings;
import net.icqtransport.xmpp.access.AccessSettings;
import net.icqtransport.xmpp.disco.TransportPresentation;

/**
 * What a configuration means, in lines an operator reads ({@code check-config}): one line per area, durations
 * with units, paths absolute. Never shows a secret, a password or a key.
 */
final class ConfigSummary {
  private ConfigSummary() {}

  static List<String> lines(TransportConfig config) {
    List<String> lines = new ArrayList<>();
    lines.add(line("XMPP server", config.xmppHost() + ":" + config.xmppPort() + " as component "
        + config.componentDomain() + ", " + tls(config.xmppTls())
        + (config.xmppPlaintextOffLoopback() ? " across the network (allow-plaintext = true)" : "")
        + (config.componentSecret() == null || config.componentSecret().isEmpty() ? "" : ", secret set")
        + (config.severalInstances() ? ", one of several instances (docs/scaling.md)" : "")
        + (config.xmppThroughWhack() ? ", through Whack (xmpp.connector)" : "")
        + (config.presentation() == TransportPresentation.ICQ ? ""
            : ", presented as " + config.presentation().transportName() + " (gateway/"
                + config.presentation().configValue() + ")")));
    lines.add(line("OSCAR login", config.oscarLoginHost() + ":" + config.oscarLoginPort() + ", "
        + config.oscarLoginMethod() + " login, " + tls(config.oscarTls()) + "; at most "
        + number(config.oscarLoginRate()) + " logins/s; after a rate-limit refusal wait "
        + Durations.format(config.oscarRateLimitedWait()) + "; 8-bit text as " + config.legacyCodepage().name()
        + "; " + config.eventLoops() + (config.eventLoops() == 1 ? " event loop" : " event loops")));
    lines.add(line("Database", database(config)));
    lines.add(line("HTTP", config.httpEnabled()
        ? "http://" + config.httpHost() + ":" + (config.httpPort() == 0 ? "<any free port>" : config.httpPort())
            + "/metrics and /health"
        : "off"));
    lines.add(line("Access", access(config)));
    lines.add(line("File transfers", files(config.files())));
    lines.add(line("Log levels", config.loggingLevels().entrySet().stream()
        .map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(", "))));
    return lines;
  }

  private static String line(String area, String text) {
    return String.format(Locale.ROOT, "%-15s %s", area + ":", text);
  }

  private static String tls(TlsSettings tls) {
    if (!tls.enabled()) {
      return "plaintext";
    }
    return "TLS trusting " + tls.caFile().map(file -> file.toAbsolutePath().toString()).orElse("the system CAs");
  }

  private static String database(TransportConfig config) {
    String timeout = "; waits up to " + Durations.format(config.databaseConnectionTimeout()) + " for a connection";
    if (!config.databaseUrl().isEmpty()) {
      return config.databaseName() + (config.databaseUsername().isEmpty() ? "" : " as " + config.databaseUsername())
          + "; password key set" + timeout;
    }
    Path file = config.databaseFile().toAbsolutePath();
    String key = config.databaseKey() == null || config.databaseKey().isEmpty()
        ? "key file " + file.resolveSibling(file.getFileName() + ".key") + " (generated on first start)"
        : "key set";
    return "embedded " + file + ".mv.db; " + key + timeout;
  }

  private static String access(TransportConfig config) {
    AccessSettings access = config.access();
    Set<String> domains = new TreeSet<>(access.allowedDomains(config.componentDomain()));
    String who = access.registrationDomains().isEmpty()
        ? "users of the XMPP server's own domain " + String.join(", ", domains)
        : "users of " + String.join(", ", domains);
    String admins = config.admins().isEmpty() ? "no admins" : "admins " + String.join(", ", new TreeSet<>(config.admins()));
    return who + "; " + admins + "; " + access.messagesPerMinute() + " messages/min per user (burst "
        + access.messageBurst() + "); " + access.registrationsPerHour() + " registrations/h; messages up to "
        + access.maxMessageBytes() + " bytes";
  }

  private static String files(FileTransferConfig files) {
    if (!files.enabled()) {
      return "off";
    }
    String ports = files.portMin() == 0 && files.portMax() == 0 ? "any port" : "ports " + files.portMin() + "-"
        + files.portMax();
    return "up to " + files.maxSize() + " bytes; HTTP timeout " + Durations.format(files.httpTimeout())
        + "; contacts answer within " + Durations.format(files.answerTimeout()) + "; direct listeners on "
        + files.listenHost() + " " + ports
        + (files.advertisedAddress().isBlank() ? "" : " (advertised as " + files.advertisedAddress() + ")")
        + (files.proxyHost().isBlank() ? "; no proxy" : "; proxy " + files.proxyHost() + ":" + files.proxyPort()
            + (files.sendViaProxy() ? ", used for sending" : ""));
  }

  private static String number(double value) {
    return value == Math.rint(value) ? String.valueOf((long) value) : String.valueOf(value);
  }
}
