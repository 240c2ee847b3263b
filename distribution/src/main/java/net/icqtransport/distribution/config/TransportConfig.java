package net.icqtransport.distribution.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigParseOptions;
import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import net.icqtransport.core.crypto.DatabaseKey;
import net.icqtransport.core.bridge.BridgeSettings;
import net.icqtransport.core.registration.JdbcRegistrationStore;
import net.icqtransport.xmpp.ComponentSettings;
import net.icqtransport.xmpp.access.AccessSettings;
import net.icqtransport.xmpp.disco.TransportPresentation;
import java.util.Optional;
import net.icqtransport.core.tls.TlsSettings;

/**
 * The transport's settings, read from a HOCON file over the documented defaults in {@code reference.conf}.
 * {@link #toString()} never shows secrets. {@link #warnings()} are settings that work but should not stay as they
 * are (the example's placeholder secret), each with the line it was set on.
 */
public record TransportConfig(
    String xmppHost,
    int xmppPort,
    String componentDomain,
    String componentSecret,
    String oscarLoginHost,
    int oscarLoginPort,
    String oscarLoginMethod,
    Charset legacyCodepage,
    String databaseUrl,
    Path databaseFile,
    String databaseUsername,
    String databasePassword,
    boolean httpEnabled,
    String httpHost,
    int httpPort,
    Map<String, String> loggingLevels,
    String databaseKey,
    Set<String> admins,
    AccessSettings access,
    TlsSettings xmppTls,
    boolean xmppAllowPlaintext,
    TlsSettings oscarTls,
    boolean severalInstances,
    TransportPresentation presentation,
    FileTransferConfig files,
    double oscarLoginRate,
    int oscarLoginBurst,
    Duration databaseConnectionTimeout,
    Duration oscarRateLimitedWait,
    double oscarLoginRateIncrease,
    int oscarEventLoops,
    String xmppConnector,
    Duration xmppReadCoalescing,
    List<String> warnings) {

  /** The longest {@code xmpp.read-coalescing}: a stanza of a busy stream waits up to that long to be read. */
  public static final Duration MAX_READ_COALESCING = Duration.ofMillis(50);

  /** What {@code xmpp.connector} may name: the component stream on the event loops, or Whack's. */
  public static final List<String> XMPP_CONNECTORS = List.of("netty", "whack");

  /** The levels {@code logging.levels} may name (Logback's). */
  public static final List<String> LOG_LEVELS = List.of("TRACE", "DEBUG", "INFO", "WARN", "ERROR", "OFF");

  public TransportConfig {
    loggingLevels = Collections.unmodifiableMap(new LinkedHashMap<>(loggingLevels));
    warnings = List.copyOf(warnings);
  }

  private static final String ROOT = "icq-transport";
  /** The secret the shipped example configuration carries until the operator sets one. */
  static final String PLACEHOLDER_SECRET = "change-me";

  /** Host settings that must not be empty, with what they name. */
  private static final List<Map.Entry<String, String>> REQUIRED_HOSTS = List.of(
      Map.entry("xmpp.host", "the XMPP server's component listener"),
      Map.entry("xmpp.domain", "the component's domain as the XMPP server knows it, e.g. icq.example.org"),
      Map.entry("oscar.login-host", "the OSCAR login server: the host of your ICQ revival server, or the simulator's"));

  /** Who reads the configuration: the transport needs everything, the database tools not the component secret. */
  private enum Purpose { RUN, DATABASE_TOOLS }

  /** Reads {@code file} over the defaults. */
  public static TransportConfig load(Path file) {
    return load(file, Purpose.RUN);
  }

  /**
   * Reads {@code file} for the database tools ({@code registrations ...}): as {@link #load(Path)}, but the
   * component secret is neither required nor read (its {@link #componentSecret()} is empty).
   */
  public static TransportConfig loadForDatabaseTools(Path file) {
    return load(file, Purpose.DATABASE_TOOLS);
  }

  private static TransportConfig load(Path file, Purpose purpose) {
    if (!Files.isReadable(file)) {
      throw new ConfigurationException("cannot read the configuration file " + file);
    }
    Config parsed;
    try {
      parsed = ConfigFactory.parseFile(file.toFile(), ConfigParseOptions.defaults().setAllowMissing(false));
    } catch (ConfigException e) {
      // Typesafe's message starts with the file name and line ("/etc/x.conf: 3: ..."): say "line 3" once.
      String message = e.getMessage().replaceFirst("^.*?: \\d+: ", "");
      int line = e.origin() == null ? -1 : e.origin().lineNumber();
      throw new ConfigurationException((line > 0 ? "line " + line + ": " : "") + message, e);
    }
    return from(parsed, System.getenv(), purpose);
  }

  /**
   * Reads the settings from {@code overrides} over the defaults (and the environment variables they name).
   *
   * @throws ConfigurationException naming every wrong key with the reason, one per line
   */
  public static TransportConfig from(Config overrides) {
    return from(overrides, Map.of());
  }

  /**
   * Reads the settings from {@code overrides} over the defaults, with the {@code ICQ_TRANSPORT_*} variables
   * of {@code environment} over both.
   *
   * @throws ConfigurationException naming every wrong key with the reason, one per line
   */
  public static TransportConfig from(Config overrides, Map<String, String> environment) {
    return from(overrides, environment, Purpose.RUN);
  }

  private static TransportConfig from(Config overrides, Map<String, String> environment, Purpose purpose) {
    Config reference = ConfigFactory.defaultReference();
    ConfigValidator validator = new ConfigValidator(ROOT, reference);
    Config given = EnvironmentOverrides.from(reference, ROOT, environment).withFallback(overrides);
    Config config = validator.validate(given);
    List<String> problems = new ArrayList<>(validator.problems());
    if (config == null) {
      throw new ConfigurationException(String.join("\n", ConfigOrigins.located(problems, given)));
    }
    Config c = config.getConfig(ROOT);
    List<String> warnings = new ArrayList<>();
    String secret = "";
    if (purpose == Purpose.RUN) {
      secret = secret(c, "xmpp.secret", validator, problems);
      if (secret != null && secret.isEmpty()) {
        problems.add(ROOT + ".xmpp.secret: must be set, here or in xmpp.secret-file "
            + "(the component secret the XMPP server expects)");
      } else if (PLACEHOLDER_SECRET.equals(secret)) {
        // Never quoted: were it the real secret, it would be printed.
        warnings.add(ROOT + (c.getString("xmpp.secret-file").isEmpty() ? ".xmpp.secret" : ".xmpp.secret-file")
            + ": still the placeholder of the example configuration; choose a secret of your own (e.g. "
            + "openssl rand -base64 24) and set it here and in the XMPP server's component configuration");
      }
    }
    for (Map.Entry<String, String> required : REQUIRED_HOSTS) {
      String key = required.getKey();
      if (validator.isValid(key) && c.getString(key).isBlank()) {
        problems.add(ROOT + "." + key + ": must not be empty (" + required.getValue() + ")");
      }
    }
    if (validator.isValid("xmpp.domain") && !c.getString("xmpp.domain").isBlank()) {
      String domain = c.getString("xmpp.domain");
      try {
        org.xmpp.packet.JID jid = new org.xmpp.packet.JID(domain);
        if (jid.getNode() != null || jid.getResource() != null) {
          problems.add(ROOT + ".xmpp.domain: must be a bare domain (e.g. icq.example.org), not " + domain);
        }
      } catch (IllegalArgumentException e) {
        problems.add(ROOT + ".xmpp.domain: not a valid domain: " + domain);
      }
    }
    String databasePassword = secret(c, "database.password", validator, problems);
    String method = validator.isValid("oscar.login-method")
        ? c.getString("oscar.login-method").toLowerCase(Locale.ROOT) : "md5";
    if (!method.equals("md5") && !method.equals("roasted")) {
      problems.add(ROOT + ".oscar.login-method: must be \"md5\" or \"roasted\", not \"" + method + "\"");
    }
    Charset codepage = StandardCharsets.ISO_8859_1;
    if (validator.isValid("oscar.legacy-codepage")) {
      try {
        codepage = Charset.forName(c.getString("oscar.legacy-codepage"));
      } catch (IllegalArgumentException e) {
        problems.add(ROOT + ".oscar.legacy-codepage: unknown charset \"" + c.getString("oscar.legacy-codepage") + "\"");
      }
    }
    for (String key : List.of("xmpp.port", "oscar.login-port")) {
      if (validator.isValid(key) && (c.getInt(key) < 1 || c.getInt(key) > 65535)) {
        problems.add(ROOT + "." + key + ": not a port number: " + c.getInt(key));
      }
    }
    if (validator.isValid("http.port") && (c.getInt("http.port") < 0 || c.getInt("http.port") > 65535)) {
      problems.add(ROOT + ".http.port: not a port number (0 picks a free one): " + c.getInt("http.port"));
    }
    Map<String, String> levels = loggingLevels(c, problems);
    Duration connectionTimeout = duration(c, "database.connection-timeout", validator, problems)
        .orElse(JdbcRegistrationStore.DEFAULT_CONNECTION_TIMEOUT);
    if (connectionTimeout.toMillis() < 250) {
      problems.add(ROOT + ".database.connection-timeout: must be at least 250 ms, not "
          + Durations.format(connectionTimeout));
    }
    String databaseKey = secret(c, "database.key", validator, problems);
    if (databaseKey != null && !databaseKey.isEmpty()) {
      try {
        DatabaseKey.fromBase64(databaseKey);
      } catch (IllegalArgumentException e) {
        problems.add(ROOT + ".database.key: " + e.getMessage()); // the message never quotes the key
      }
    }
    if (validator.isValid("database.url") && !c.getString("database.url").isEmpty()
        && databaseKey != null && databaseKey.isEmpty()) {
      problems.add(ROOT + ".database.key: must be set, here, in database.key-file or ICQ_TRANSPORT_DATABASE_KEY, "
          + "with a database url (only the embedded database generates its own key file)");
    }
    Set<String> admins = Set.of();
    AccessSettings access = AccessSettings.DEFAULTS;
    try {
      admins = Set.copyOf(c.getStringList("access.admins"));
      for (String admin : admins) {
        org.xmpp.packet.JID jid = new org.xmpp.packet.JID(admin);
        if (jid.getNode() == null || jid.getResource() != null) {
          problems.add(ROOT + ".access.admins: not a bare JID (user@domain): " + admin);
        }
      }
      access = new AccessSettings(Set.copyOf(c.getStringList("access.registration-domains")),
          c.getInt("access.messages-per-minute"), c.getInt("access.message-burst"),
          c.getInt("access.registrations-per-hour"), c.getInt("access.max-message-bytes"));
    } catch (IllegalArgumentException | ConfigException e) {
      problems.add(ROOT + ".access: " + e.getMessage());
    }
    TlsSettings xmppTls = tls(c, "xmpp.tls", validator, problems);
    TlsSettings oscarTls = tls(c, "oscar.tls", validator, problems);
    boolean allowPlaintext = validator.isValid("xmpp.allow-plaintext") && c.getBoolean("xmpp.allow-plaintext");
    if (xmppTls != null && !xmppTls.enabled() && validator.isValid("xmpp.host")
        && !isLoopback(c.getString("xmpp.host")) && !allowPlaintext) {
      problems.add(ROOT + ".xmpp.allow-plaintext: the component link to " + c.getString("xmpp.host")
          + " (not a loopback address) would be plaintext: set xmpp.tls.enabled = true (direct TLS), or"
          + " allow-plaintext = true to accept an unencrypted link");
    }
    FileTransferConfig files = FileTransferConfig.read(c, validator, ROOT, problems);
    TransportPresentation presentation = TransportPresentation.ICQ;
    if (validator.isValid("xmpp.presentation")) {
      String value = c.getString("xmpp.presentation");
      presentation = TransportPresentation.named(value).orElse(null);
      if (presentation == null) {
        problems.add(ROOT + ".xmpp.presentation: must be \"icq\" or \"aim\", not \"" + value + "\"");
      }
    }
    if (validator.isValid("xmpp.connector") && !XMPP_CONNECTORS.contains(c.getString("xmpp.connector"))) {
      problems.add(ROOT + ".xmpp.connector: must be \"netty\" or \"whack\", not \"" + c.getString("xmpp.connector") + "\"");
    }
    if (validator.isValid("oscar.login-rate") && !(c.getDouble("oscar.login-rate") > 0)) {
      problems.add(ROOT + ".oscar.login-rate: must be a positive number of logins per second, not "
          + c.getDouble("oscar.login-rate"));
    }
    if (validator.isValid("oscar.login-rate-increase") && !(c.getDouble("oscar.login-rate-increase") > 0)) {
      problems.add(ROOT + ".oscar.login-rate-increase: must be a positive number of logins per second, not "
          + c.getDouble("oscar.login-rate-increase"));
    }
    if (validator.isValid("oscar.login-burst") && c.getInt("oscar.login-burst") < 1) {
      problems.add(ROOT + ".oscar.login-burst: must be at least 1 (1: no burst), not " + c.getInt("oscar.login-burst"));
    }
    if (validator.isValid("oscar.event-loops") && c.getInt("oscar.event-loops") < 0) {
      problems.add(ROOT + ".oscar.event-loops: must be 0 (half the processors) or a number of threads, not "
          + c.getInt("oscar.event-loops"));
    }
    Duration rateLimitedWait = duration(c, "oscar.rate-limited-wait", validator, problems)
        .orElse(BridgeSettings.DEFAULT_RATE_LIMITED_WAIT);
    if (rateLimitedWait.toMillis() < 1000) {
      problems.add(ROOT + ".oscar.rate-limited-wait: must be at least 1 s, not " + Durations.format(rateLimitedWait));
    }
    Duration readCoalescing = duration(c, "xmpp.read-coalescing", validator, problems)
        .orElse(ComponentSettings.DEFAULT_READ_COALESCING);
    if (readCoalescing.isNegative() || readCoalescing.compareTo(MAX_READ_COALESCING) > 0) {
      problems.add(ROOT + ".xmpp.read-coalescing: must be from 0 (off) to " + Durations.format(MAX_READ_COALESCING)
          + ", not " + Durations.format(readCoalescing));
    }
    if (!problems.isEmpty()) {
      throw new ConfigurationException(String.join("\n", ConfigOrigins.located(problems, given)));
    }
    return new TransportConfig(
        c.getString("xmpp.host"),
        c.getInt("xmpp.port"),
        c.getString("xmpp.domain"),
        secret,
        c.getString("oscar.login-host"),
        c.getInt("oscar.login-port"),
        method,
        codepage,
        c.getString("database.url"),
        Path.of(c.getString("database.file")),
        c.getString("database.username"),
        databasePassword,
        c.getBoolean("http.enabled"),
        c.getString("http.host"),
        c.getInt("http.port"),
        levels,
        databaseKey,
        admins,
        access,
        xmppTls,
        allowPlaintext,
        oscarTls,
        c.getBoolean("xmpp.several-instances"),
        presentation,
        files,
        c.getDouble("oscar.login-rate"),
        c.getInt("oscar.login-burst"),
        connectionTimeout,
        rateLimitedWait,
        c.getDouble("oscar.login-rate-increase"),
        c.getInt("oscar.event-loops"),
        c.getString("xmpp.connector"),
        readCoalescing,
        ConfigOrigins.located(warnings, given));
  }

  /**
   * The duration at {@code key}; empty when the key is not valid, or not a duration ({@code 5s}, {@code 250ms}),
   * which is then one of the {@code problems}.
   */
  private static Optional<Duration> duration(Config c, String key, ConfigValidator validator, List<String> problems) {
    if (!validator.isValid(key)) {
      return Optional.empty();
    }
    try {
      return Optional.of(c.getDuration(key));
    } catch (ConfigException e) {
      problems.add(ROOT + "." + key + ": not a duration (e.g. 5s): " + c.getValue(key).render());
      return Optional.empty();
    }
  }

  /** logging.levels: logger name → level, each level one of {@link #LOG_LEVELS}. */
  private static Map<String, String> loggingLevels(Config c, List<String> problems) {
    Map<String, String> levels = new LinkedHashMap<>();
    ConfigObject object;
    try {
      object = c.getObject("logging.levels");
    } catch (ConfigException e) {
      problems.add(ROOT + ".logging.levels: " + e.getMessage().replaceFirst("^.*?: ", ""));
      return levels;
    }
    object.forEach((logger, value) -> {
      String level = value.unwrapped() instanceof String text ? text.toUpperCase(Locale.ROOT) : "";
      if (LOG_LEVELS.contains(level)) {
        levels.put(logger, level);
      } else {
        problems.add(ROOT + ".logging.levels.\"" + logger + "\": must be one of " + LOG_LEVELS + ", not "
            + value.render());
      }
    });
    return levels;
  }

  /**
   * The database for messages and logs: the embedded file, or the JDBC URL without anything that may carry
   * credentials (user info before {@code @}, and parameters after {@code ?} or {@code ;}, e.g. {@code password=}).
   */
  public String databaseName() {
    if (databaseUrl.isEmpty()) {
      return "embedded " + databaseFile;
    }
    String url = databaseUrl.replaceFirst("[?;].*$", "");
    return url.replaceFirst("//[^/@]*@", "//");
  }

  /**
   * The ICQ event loops the transport runs ({@code oscar.event-loops}): the number given, or for 0 half the
   * processors this JVM may use, at least one.
   */
  public int eventLoops() {
    return oscarEventLoops > 0 ? oscarEventLoops : Math.max(1, Runtime.getRuntime().availableProcessors() / 2);
  }

  /** Whether the component stream goes through Whack ({@code xmpp.connector = whack}) rather than the event loops. */
  public boolean xmppThroughWhack() {
    return xmppConnector.equals("whack");
  }

  /** Whether the component link to {@link #xmppHost()} is plaintext across a network (started with a warning). */
  public boolean xmppPlaintextOffLoopback() {
    return !xmppTls.enabled() && !isLoopback(xmppHost);
  }

  /**
   * Whether {@code host} is a loopback address by its text alone ({@code localhost}, 127.0.0.0/8, {@code ::1}):
   * no name is looked up, so a DNS answer cannot turn a remote server into a "loopback" one.
   */
  static boolean isLoopback(String host) {
    String h = host.trim().toLowerCase(Locale.ROOT);
    if (h.equals("localhost") || h.equals("localhost.")) {
      return true;
    }
    if (h.startsWith("[") && h.endsWith("]")) {
      h = h.substring(1, h.length() - 1);
    }
    if (!h.matches("[0-9.]+") && !(h.contains(":") && h.matches("[0-9a-f:.]+"))) {
      return false; // a host name: only "localhost" counts
    }
    try {
      return InetAddress.getByName(h).isLoopbackAddress(); // a literal: parsed, not resolved
    } catch (UnknownHostException e) {
      return false;
    }
  }

  /** The TLS settings under {@code key}; a CA file that cannot be loaded is a problem named now, not at connect. */
  private static TlsSettings tls(Config c, String key, ConfigValidator validator, List<String> problems) {
    if (!validator.isValid(key + ".enabled") || !validator.isValid(key + ".ca-file")) {
      return null;
    }
    String caFile = c.getString(key + ".ca-file");
    TlsSettings settings = new TlsSettings(c.getBoolean(key + ".enabled"),
        caFile.isEmpty() ? Optional.empty() : Optional.of(Path.of(caFile)));
    if (settings.enabled() && settings.caFile().isPresent()) {
      try {
        settings.trustManager();
      } catch (IOException | GeneralSecurityException | RuntimeException e) {
        problems.add(ROOT + "." + key + ".ca-file: cannot load CA certificates from " + caFile + " ("
            + e.getClass().getSimpleName() + ": " + e.getMessage() + ")");
      }
    }
    return settings;
  }

  /** The value of {@code key}, or the trimmed content of the file named by {@code key + "-file"} if set. */
  private static String secret(Config c, String key, ConfigValidator validator, List<String> problems) {
    if (!validator.isValid(key) || !validator.isValid(key + "-file")) {
      return null;
    }
    String file = c.getString(key + "-file");
    if (file.isEmpty()) {
      return c.getString(key);
    }
    try {
      return Files.readString(Path.of(file), StandardCharsets.UTF_8).trim();
    } catch (IOException | RuntimeException e) {
      problems.add(ROOT + "." + key + "-file: cannot read " + file + " (" + e.getClass().getSimpleName() + ")");
      return null;
    }
  }

  /** What this configuration means, one line per area, for {@code check-config}; never shows a secret. */
  public List<String> summary() {
    return ConfigSummary.lines(this);
  }

  @Override
  public String toString() {
    return "TransportConfig[xmpp=" + xmppHost + ":" + xmppPort + ", domain=" + componentDomain
        + ", oscar=" + oscarLoginHost + ":" + oscarLoginPort + " (" + oscarLoginMethod + ")"
        + ", database=" + databaseName()
        + ", http=" + (httpEnabled ? httpHost + ":" + httpPort : "off")
        + ", admins=" + admins + ", access=" + access + ", xmppTls=" + xmppTls + ", oscarTls=" + oscarTls + "]";
  }
}
