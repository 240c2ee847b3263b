package net.icqtransport.distribution.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigOrigin;
import com.typesafe.config.ConfigUtil;
import java.util.List;

/**
 * Says where a problem's key was set: {@code line 12: icq-transport.xmpp.port: ...} for a key from the
 * configuration file, {@code ... (from environment variable ICQ_TRANSPORT_XMPP_PORT)} for one from the
 * environment. Problems start with the key they concern ({@code icq-transport.xmpp.port: reason}); the key's
 * value in the operator's configuration (file and environment, without the defaults) has the origin.
 */
final class ConfigOrigins {
  private ConfigOrigins() {}

  /** Each of {@code problems} with the place its key was set in {@code given}, where that is known. */
  static List<String> located(List<String> problems, Config given) {
    return problems.stream().map(problem -> located(problem, given)).toList();
  }

  private static String located(String problem, Config given) {
    int colon = problem.indexOf(": ");
    if (colon < 0) {
      return problem;
    }
    List<String> path;
    try {
      path = ConfigUtil.splitPath(problem.substring(0, colon));
    } catch (ConfigException e) {
      return problem; // not a key: a message of its own
    }
    ConfigOrigin origin;
    try {
      String key = ConfigUtil.joinPath(path);
      if (!given.hasPath(key)) {
        return problem; // not set by the operator (a missing key, or a default)
      }
      origin = given.getValue(key).origin();
    } catch (ConfigException e) {
      return problem;
    }
    if (origin.lineNumber() > 0) {
      return "line " + origin.lineNumber() + ": " + problem;
    }
    if (origin.description().startsWith("environment variable ")) {
      return problem + " (from " + origin.description() + ")";
    }
    return problem;
  }
}
