package net.icqtransport.distribution.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigValue;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Checks a configuration against the documented keys of {@code reference.conf}: every unknown key (with the
 * closest known one as a hint), every value of the wrong type, every unresolvable substitution. Collects all
 * problems instead of stopping at the first, so that {@code check-config} can name each wrong key.
 */
final class ConfigValidator {
  /** Objects whose keys are free (the user adds entries), relative to the root. */
  static final Set<String> OPEN_OBJECTS = Set.of("logging.levels");

  private final String root;
  private final Config reference;
  private final List<String> problems = new ArrayList<>();
  private final Set<String> invalidKeys = new HashSet<>();

  ConfigValidator(String root, Config reference) {
    this.root = root;
    this.reference = reference;
  }

  /** The resolved configuration over the defaults, or {@code null} when it cannot even be resolved. */
  Config validate(Config overrides) {
    Config resolved;
    try {
      resolved = overrides.withFallback(reference).resolve();
    } catch (ConfigException e) {
      problems.add(e.getMessage());
      return null;
    }
    Set<String> known = reference.getConfig(root).entrySet().stream()
        .map(Map.Entry::getKey).collect(Collectors.toSet());
    for (String topLevel : overrides.root().keySet()) {
      if (!topLevel.equals(root)) {
        problems.add(topLevel + ": unknown key (all settings live under \"" + root + "\")");
      }
    }
    if (overrides.hasPath(root)) {
      for (Map.Entry<String, ConfigValue> entry : overrides.getConfig(root).entrySet()) {
        String key = entry.getKey();
        if (!known.contains(key) && !isOpen(key)) {
          invalidKeys.add(key);
          String hint = closest(key, known).map(k -> " (did you mean " + root + "." + k + "?)").orElse("");
          problems.add(root + "." + key + ": unknown key" + hint);
        }
      }
    }
    try {
      resolved.checkValid(reference, root);
    } catch (ConfigException.ValidationFailed e) {
      for (ConfigException.ValidationProblem problem : e.problems()) {
        invalidKeys.add(problem.path().substring(Math.min(problem.path().length(), root.length() + 1)));
        problems.add(problem.path() + ": " + problem.problem());
      }
    }
    for (String key : known) {
      if (!invalidKeys.contains(key)) {
        checkConvertible(resolved, key);
      }
    }
    return resolved;
  }

  /** Keys below an object whose entries the user names, e.g. logging.levels."net.icqtransport.oscar". */
  private static boolean isOpen(String key) {
    return OPEN_OBJECTS.stream().anyMatch(open -> key.startsWith(open + "."));
  }

  /** checkValid accepts a string where a number is expected (it might convert): try the conversion. */
  private void checkConvertible(Config resolved, String key) {
    String path = root + "." + key;
    try {
      switch (reference.getValue(path).valueType()) {
        case NUMBER -> resolved.getNumber(path);
        case BOOLEAN -> resolved.getBoolean(path);
        case STRING -> resolved.getString(path);
        default -> resolved.getValue(path);
      }
    } catch (ConfigException e) {
      invalidKeys.add(key);
      problems.add(path + ": " + e.getMessage().replaceFirst("^.*?: ", ""));
    }
  }

  List<String> problems() {
    return problems;
  }

  /** Whether {@code key} (relative to the root) has a value of the right type. */
  boolean isValid(String key) {
    return !invalidKeys.contains(key);
  }

  private static Optional<String> closest(String key, Set<String> known) {
    return known.stream()
        .min(Comparator.comparingInt(k -> distance(k, key)))
        .filter(k -> distance(k, key) <= Math.max(2, key.length() / 4));
  }

  /** Levenshtein distance. */
  private static int distance(String a, String b) {
    int[] previous = new int[b.length() + 1];
    int[] current = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      previous[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      current[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        current[j] = Math.min(Math.min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
      }
      int[] swap = previous;
      previous = current;
      current = swap;
    }
    return previous[b.length()];
  }
}
