package net.icqtransport.distribution.config;

/** The configuration is missing, unreadable or has a wrong value; the message names the key. */
public final class ConfigurationException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public ConfigurationException(String message) {
    super(message);
  }

  public ConfigurationException(String message, Throwable cause) {
    super(message, cause);
  }
}
