package net.icqtransport.distribution.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Environment variables that override configuration keys: {@code ICQ_TRANSPORT_} followed by the key below
 * the root in capitals, dots and dashes as underscores ({@code icq-transport.xmpp.secret} →
 * {@code ICQ_TRANSPORT_XMPP_SECRET}). One rule for every key, so documentation and code cannot disagree.
 */
final class EnvironmentOverrides {
  static final String PREFIX = "ICQ_TRANSPORT_";

  private EnvironmentOverrides() {}

  /** The variable that overrides {@code key} (relative to the root, e.g. {@code xmpp.secret}). */
  static String variableFor(String key) {
    // Quotes come from keys that contain dots themselves, e.g. logging.levels."net.icqtransport".
    return PREFIX + key.toUpperCase(Locale.ROOT).replace("\"", "").replace('.', '_').replace('-', '_');
  }

  /** The keys of {@code reference} under {@code root} that {@code environment} sets, as a config. */
  static Config from(Config reference, String root, Map<String, String> environment) {
    Map<String, Object> values = new HashMap<>();
    for (Map.Entry<String, ?> entry : reference.getConfig(root).entrySet()) {
      String key = entry.getKey();
      String value = environment.get(variableFor(key));
      if (value != null) {
        values.put(root + "." + key, value);
      }
    }
    return ConfigFactory.parseMap(values, "environment variables");
  }
}
