package net.icqtransport.distribution.config;

import com.typesafe.config.Config;
import java.time.Duration;
import java.util.List;

/** The {@code files} section: ICQ ⇄ Jabber file transfers (docs/file-transfer.md). */
public record FileTransferConfig(boolean enabled, long maxSize, Duration httpTimeout, Duration answerTimeout,
    String listenHost, String advertisedAddress, int portMin, int portMax, String proxyHost, int proxyPort,
    boolean sendViaProxy) {

  /** Off, with the defaults of reference.conf. */
  public static final FileTransferConfig DISABLED = new FileTransferConfig(false, 10_485_760, Duration.ofSeconds(60),
      Duration.ofSeconds(120), "0.0.0.0", "", 0, 0, "", 5190, false);

  /** Reads {@code files.*} of the (root-relative) config, adding a line to {@code problems} for each bad value. */
  static FileTransferConfig read(Config c, ConfigValidator validator, String root, List<String> problems) {
    for (String key : List.of("files.enabled", "files.max-size", "files.http-timeout", "files.answer-timeout",
        "files.listen-host", "files.advertised-address", "files.port-min", "files.port-max", "files.proxy-host",
        "files.proxy-port", "files.send-via-proxy")) {
      if (!validator.isValid(key)) {
        return DISABLED;
      }
    }
    try {
      FileTransferConfig config = new FileTransferConfig(c.getBoolean("files.enabled"), c.getBytes("files.max-size"),
          c.getDuration("files.http-timeout"), c.getDuration("files.answer-timeout"), c.getString("files.listen-host"),
          c.getString("files.advertised-address"), c.getInt("files.port-min"), c.getInt("files.port-max"),
          c.getString("files.proxy-host"), c.getInt("files.proxy-port"), c.getBoolean("files.send-via-proxy"));
      if (config.maxSize() < 1) {
        problems.add(root + ".files.max-size: must be positive");
      }
      if (config.portMin() < 0 || config.portMax() > 65535 || config.portMin() > config.portMax()) {
        problems.add(root + ".files.port-min/port-max: not a port range: " + config.portMin() + "-"
            + config.portMax());
      }
      if (config.sendViaProxy() && config.proxyHost().isBlank()) {
        problems.add(root + ".files.send-via-proxy: needs files.proxy-host");
      }
      return config;
    } catch (com.typesafe.config.ConfigException e) {
      problems.add(e.getMessage());
      return DISABLED;
    }
  }
}
