package net.icqtransport.distribution;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import net.icqtransport.core.crypto.DatabaseKey;
import net.icqtransport.core.crypto.PasswordCipher;
import net.icqtransport.distribution.config.ConfigurationException;
import net.icqtransport.distribution.config.TransportConfig;
import net.icqtransport.distribution.operations.PrivateFiles;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where the key encrypting passwords at rest comes from: {@code database.key} / {@code key-file} /
 * {@code ICQ_TRANSPORT_DATABASE_KEY}, or for the embedded database without one, a key file beside the
 * database ({@code data/registrations.key}), generated on first start with mode 0600. Logs the key's id and
 * file, never the key.
 */
final class DatabaseKeys {
  private static final Logger LOG = LoggerFactory.getLogger(DatabaseKeys.class);

  private DatabaseKeys() {}

  /** The cipher for the configured key, generating the embedded database's key file if needed. */
  static PasswordCipher cipher(TransportConfig config) {
    if (!config.databaseKey().isEmpty()) {
      return new PasswordCipher(DatabaseKey.fromBase64(config.databaseKey()));
    }
    if (!config.databaseUrl().isEmpty()) {
      throw new ConfigurationException("icq-transport.database.key: must be set with a database url");
    }
    Path file = embeddedKeyFile(config);
    if (!Files.exists(file)) {
      DatabaseKey key = DatabaseKey.generate();
      try {
        write(file, key);
        LOG.info("Generated database key {} in {}: keep it (and a backup) with the database, the passwords "
            + "cannot be read without it", key.id(), file);
        return new PasswordCipher(key);
      } catch (FileAlreadyExistsException e) {
        // another process created it in between: read theirs
      } catch (IOException e) {
        throw new ConfigurationException("cannot create the database key file " + file, e);
      }
    }
    return new PasswordCipher(read(file));
  }

  /**
   * The cipher for the configured key, or the embedded database's existing key file: for the command line,
   * which must never generate a key (a new key cannot read the stored passwords).
   *
   * @throws ConfigurationException if no key is configured and the key file does not exist
   */
  static PasswordCipher existingCipher(TransportConfig config) {
    if (!config.databaseKey().isEmpty() || !config.databaseUrl().isEmpty()) {
      return cipher(config);
    }
    Path file = embeddedKeyFile(config);
    if (!Files.exists(file)) {
      throw new ConfigurationException("the database key file " + file + " does not exist: the stored passwords "
          + "cannot be read without the key the transport uses (database.key-file or ICQ_TRANSPORT_DATABASE_KEY "
          + "name it if it lives elsewhere)");
    }
    return new PasswordCipher(read(file));
  }

  /** The generated key file of the embedded database: its file name plus {@code .key}. */
  static Path embeddedKeyFile(TransportConfig config) {
    Path database = config.databaseFile().toAbsolutePath();
    return database.resolveSibling(database.getFileName() + ".key");
  }

  /** Reads a key file (base64, trimmed). */
  static DatabaseKey read(Path file) {
    try {
      return DatabaseKey.fromBase64(Files.readString(file, StandardCharsets.US_ASCII));
    } catch (IOException e) {
      throw new ConfigurationException("cannot read the database key file " + file, e);
    } catch (IllegalArgumentException e) {
      throw new ConfigurationException("the database key file " + file + " is wrong: " + e.getMessage(), e);
    }
  }

  /**
   * Creates {@code file} holding {@code key} in base64, readable by its owner only where the file system can say
   * so; a missing folder is created private too.
   */
  static void write(Path file, DatabaseKey key) throws IOException {
    PrivateFiles.createFolder(file.toAbsolutePath().getParent());
    PrivateFiles.createFile(file);
    Files.writeString(file, key.toBase64() + "\n", StandardCharsets.US_ASCII);
  }
}
