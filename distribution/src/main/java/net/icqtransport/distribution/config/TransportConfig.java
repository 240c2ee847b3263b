package net.icqtransport.distribution.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigParseOptions;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The transport's settings, read from a HOCON file over the documented defaults in {@code reference.conf}.
 * {@link #toString()} never shows secrets.
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
    double oscarLoginRate) {

  private static final String ROOT = "icq-transport";

  /** Reads {@code file} over the defaults. */
  public static TransportConfig load(Path file) {
    if (!Files.isReadable(file)) {
      throw new ConfigurationException("cannot read the configuration file " + file);
    }
    try {
      Config parsed = ConfigFactory.parseFile(file.toFile(), ConfigParseOptions.defaults().setAllowMissing(false));
      return from(parsed, System.getenv());
    } catch (ConfigException e) {
      throw new ConfigurationException(e.getMessage(), e);
    }
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
    Config reference = ConfigFactory.defaultReference();
    ConfigValidator validator = new ConfigValidator(ROOT, reference);
    Config config = validator.validate(EnvironmentOverrides.from(reference, ROOT, environment).withFallback(overrides));
    List<String> problems = new ArrayList<>(validator.problems());
    if (config == null) {
      throw new ConfigurationException(String.join("\n", problems));
    }
    Config c = config.getConfig(ROOT);
    String secret = secret(c, "xmpp.secret", validator, problems);
    if (secret != null && secret.isEmpty()) {
      problems.add(ROOT + ".xmpp.secret: must be set, here or in xmpp.secret-file "
          + "(the component secret the XMPP server expects)");
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
    if (validator.isValid("oscar.login-rate") && !(c.getDouble("oscar.login-rate") > 0)) {
      problems.add(ROOT + ".oscar.login-rate: must be a positive number of logins per second, not "
          + c.getDouble("oscar.login-rate"));
    }
    if (!problems.isEmpty()) {
      throw new ConfigurationException(String.join("\n", problems));
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
        c.getDouble("oscar.login-rate"));
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

  @Override
  public String toString() {
    return "TransportConfig[xmpp=" + xmppHost + ":" + xmppPort + ", domain=" + componentDomain
        + ", oscar=" + oscarLoginHost + ":" + oscarLoginPort + " (" + oscarLoginMethod + ")"
        + ", database=" + (databaseUrl.isEmpty() ? "embedded " + databaseFile : databaseUrl) + "]";
  }
}
