package net.icqtransport.distribution.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueFactory;
import com.typesafe.config.ConfigValueType;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Environment variables that override configuration keys: {@code ICQ_TRANSPORT_} followed by the key below
 * the root in capitals, dots and dashes as underscores ({@code icq-transport.xmpp.secret} →
 * {@code ICQ_TRANSPORT_XMPP_SECRET}). One rule for every key, so documentation and code cannot disagree.
 * A list key takes comma-separated values ({@code ICQ_TRANSPORT_ACCESS_ADMINS=a@example.org,b@example.org};
 * empty: the empty list) or a HOCON/JSON list ({@code ["a@example.org"]}).
 */
final class EnvironmentOverrides {
  static final String PREFIX = "ICQ_TRANSPORT_";

  private EnvironmentOverrides() {}

  /** The variable that overrides {@code key} (relative to the root, e.g. {@code xmpp.secret}). */
  static String variableFor(String key) {
    // Quotes come from keys that contain dots themselves, e.g. logging.levels."net.icqtransport".
    return PREFIX + key.toUpperCase(Locale.ROOT).replace("\"", "").replace('.', '_').replace('-', '_');
  }

  /**
   * The keys of {@code reference} under {@code root} that {@code environment} sets, as a config whose values
   * name their variable as origin (so a problem with one says where it came from).
   */
  static Config from(Config reference, String root, Map<String, String> environment) {
    Config overrides = ConfigFactory.empty("environment variables");
    for (Map.Entry<String, ConfigValue> entry : reference.getConfig(root).entrySet()) {
      String key = entry.getKey();
      String variable = variableFor(key);
      String value = environment.get(variable);
      if (value != null) {
        Object converted = entry.getValue().valueType() == ConfigValueType.LIST ? list(value) : value;
        overrides = overrides.withValue(root + "." + key,
            ConfigValueFactory.fromAnyRef(converted, "environment variable " + variable));
      }
    }
    return overrides;
  }

  /** A list from {@code a, b, c} or {@code ["a", "b"]}; what parses as neither stays text (and is named wrong). */
  private static Object list(String value) {
    String text = value.trim();
    if (text.startsWith("[")) {
      try {
        return ConfigFactory.parseString("list = " + text).getList("list").unwrapped();
      } catch (ConfigException e) {
        return value;
      }
    }
    List<String> items = Arrays.stream(text.split(",")).map(String::trim).filter(item -> !item.isEmpty()).toList();
    return items;
  }
}
