package net.icqtransport.distribution.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigParseOptions;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

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
    String databasePassword) {

  private static final String ROOT = "icq-transport";

  /** Reads {@code file} over the defaults. */
  public static TransportConfig load(Path file) {
    if (!Files.isReadable(file)) {
      throw new ConfigurationException("cannot read the configuration file " + file);
    }
    try {
      Config parsed = ConfigFactory.parseFile(file.toFile(), ConfigParseOptions.defaults().setAllowMissing(false));
      return from(parsed);
    } catch (ConfigException e) {
      throw new ConfigurationException(e.getMessage(), e);
    }
  }

  /** Reads the settings from {@code overrides} over the defaults (and the environment variables they name). */
  public static TransportConfig from(Config overrides) {
    Config reference = ConfigFactory.defaultReference();
    Config config;
    try {
      config = overrides.withFallback(reference).resolve();
      config.checkValid(reference, ROOT);
    } catch (ConfigException e) {
      throw new ConfigurationException(e.getMessage(), e);
    }
    try {
      return read(config.getConfig(ROOT));
    } catch (ConfigException e) {
      throw new ConfigurationException(e.getMessage(), e);
    }
  }

  private static TransportConfig read(Config c) {
    String secret = c.getString("xmpp.secret");
    if (secret.isEmpty()) {
      throw new ConfigurationException(
          "icq-transport.xmpp.secret: must be set (the component secret the XMPP server expects)");
    }
    String method = c.getString("oscar.login-method").toLowerCase(Locale.ROOT);
    if (!method.equals("md5") && !method.equals("roasted")) {
      throw new ConfigurationException("icq-transport.oscar.login-method: must be \"md5\" or \"roasted\", not \"" + method + "\"");
    }
    Charset codepage;
    try {
      codepage = Charset.forName(c.getString("oscar.legacy-codepage"));
    } catch (IllegalArgumentException e) {
      throw new ConfigurationException("icq-transport.oscar.legacy-codepage: unknown charset \""
          + c.getString("oscar.legacy-codepage") + "\"", e);
    }
    return new TransportConfig(
        c.getString("xmpp.host"),
        port(c, "xmpp.port"),
        c.getString("xmpp.domain"),
        secret,
        c.getString("oscar.login-host"),
        port(c, "oscar.login-port"),
        method,
        codepage,
        c.getString("database.url"),
        Path.of(c.getString("database.file")),
        c.getString("database.username"),
        c.getString("database.password"));
  }

  private static int port(Config c, String key) {
    int port = c.getInt(key);
    if (port < 1 || port > 65535) {
      throw new ConfigurationException(ROOT + "." + key + ": not a port number: " + port);
    }
    return port;
  }

  @Override
  public String toString() {
    return "TransportConfig[xmpp=" + xmppHost + ":" + xmppPort + ", domain=" + componentDomain
        + ", oscar=" + oscarLoginHost + ":" + oscarLoginPort + " (" + oscarLoginMethod + ")"
        + ", database=" + (databaseUrl.isEmpty() ? "embedded " + databaseFile : databaseUrl) + "]";
  }
}
