package net.icqtransport.xmpp.filetransfer;

import java.time.Duration;
import java.util.Objects;

/**
 * Limits of the file relay.
 *
 * @param maxSize the largest file taken from ICQ or fetched for ICQ, in bytes
 * @param httpTimeout an HTTP upload (XEP-0363 PUT) or fetch (XEP-0066 URL) as a whole
 */
public record FileTransferSettings(long maxSize, Duration httpTimeout) {
  public FileTransferSettings {
    if (maxSize < 1) {
      throw new IllegalArgumentException("maxSize must be positive");
    }
    Objects.requireNonNull(httpTimeout, "httpTimeout");
  }
}
