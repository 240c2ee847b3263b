package net.icqtransport.distribution.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigRenderOptions;
import com.typesafe.config.ConfigValue;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Renders {@code docs/configuration.md} from {@code reference.conf}: every key with its default, its
 * environment variable and its documentation comment. A test compares the file with this output, so the
 * documentation cannot drift from the code.
 */
public final class ConfigurationReference {
  private static final String ROOT = "icq-transport";

  private ConfigurationReference() {}

  /** The Markdown text of docs/configuration.md. */
  public static String markdown() {
    Config reference = ConfigFactory.defaultReference().getConfig(ROOT);
    List<Map.Entry<String, ConfigValue>> entries = reference.entrySet().stream()
        .sorted(Comparator.comparingInt(e -> e.getValue().origin().lineNumber()))
        .toList();
    StringBuilder out = new StringBuilder();
    out.append("# Configuration reference\n\n")
        .append("Generated from `distribution/src/main/resources/reference.conf` by\n")
        .append("`ConfigurationReference` (a test fails when this file and the code disagree; regenerate with\n")
        .append("`bin/icq-transport config-reference > docs/configuration.md`).\n\n")
        .append("The configuration file is HOCON (`bin/icq-transport run --config FILE`); every key lives under\n")
        .append("`icq-transport`. An environment variable overrides the file: `ICQ_TRANSPORT_` and the key in\n")
        .append("capitals with dots and dashes as underscores; a list takes comma-separated values\n")
        .append("(`ICQ_TRANSPORT_ACCESS_ADMINS=admin@example.org,ops@example.org`; empty: the empty list).\n")
        .append("`bin/icq-transport check-config --config FILE` names every unknown or wrong key with its line, or\n")
        .append("summarizes the configuration.\n\n")
        .append("| Key | Default | Environment variable | Meaning |\n")
        .append("| --- | --- | --- | --- |\n");
    for (Map.Entry<String, ConfigValue> entry : entries) {
      String key = entry.getKey();
      String description = entry.getValue().origin().comments().stream()
          .map(String::trim)
          .collect(Collectors.joining(" "))
          .replace("|", "\\|");
      out.append("| `").append(ROOT).append('.').append(key).append("` | `")
          .append(entry.getValue().render(ConfigRenderOptions.concise())).append("` | `")
          .append(EnvironmentOverrides.variableFor(key)).append("` | ")
          .append(description).append(" |\n");
    }
    return out.toString();
  }
}
