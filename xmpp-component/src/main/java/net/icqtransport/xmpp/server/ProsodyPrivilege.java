package net.icqtransport.xmpp.server;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * XEP-0356 (privileged entity) on Prosody 0.12, which lacks it in its core: {@code mod_privilege} from Debian's
 * package {@code prosody-modules}, speaking {@code urn:xmpp:privilege:2}. The package puts it in Prosody's own
 * module directory ({@code mod_privilege/mod_privilege.lua} there is one of the paths Prosody tries), so no
 * {@code plugin_paths} is needed. It is loaded twice: on the user host, which holds the grants (XEP-0356 §4.1), and
 * on the component, whose authentication makes it announce them (§4.2). docs/guide-prosody.md shows this text.
 */
public final class ProsodyPrivilege {
  /** Where Debian's {@code prosody-modules} installs the module. */
  public static final Path MODULE_FILE = Path.of("/usr/lib/prosody/modules/mod_privilege/mod_privilege.lua");
  /** The Debian package that ships {@link #MODULE_FILE}. */
  public static final String PACKAGE = "prosody-modules";

  private ProsodyPrivilege() {}

  /**
   * Fails naming the Debian package when {@code moduleFile} is missing.
   *
   * @throws IllegalStateException when there is no module file
   */
  public static void requireModule(Path moduleFile) {
    if (!Files.isRegularFile(moduleFile)) {
      throw new IllegalStateException("Prosody's mod_privilege (XEP-0356) is needed, but " + moduleFile
          + " is missing: install the Debian package '" + PACKAGE + "' (as root: apt-get update && apt-get install -y "
          + PACKAGE + ")");
    }
  }

  /**
   * The user host's section: the module and the component's grants (roster both, message outgoing). No presence
   * grant: the transport does not use it, and with it Prosody passes every local user's presence on to the
   * component, which answers those of users who never registered with registration-required.
   */
  public static String virtualHost(String host, String componentDomain) {
    return "VirtualHost \"" + host + "\"\n"
        + "  modules_enabled = { \"privilege\" }\n"
        + "  privileged_entities = {\n"
        + "    [\"" + componentDomain + "\"] = { roster = \"both\"; message = \"outgoing\" };\n"
        + "  }\n";
  }

  /** The component's section with the module, which announces the grants after the handshake (XEP-0356 §4.2). */
  public static String component(String componentDomain, String secret) {
    return PrivateProsody.componentDeclaration(componentDomain, secret)
        + "  modules_enabled = { \"privilege\" }\n";
  }
}
