package net.icqtransport.xmpp.server;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link PrivateProsody#enablePrivilege}: Debian's mod_privilege on the user host and the component, or a clear refusal. */
class PrivateProsodyPrivilegeTest {
  @TempDir Path folder;

  @Test
  void theConfigLoadsTheModuleOnTheUserHostAndOnTheComponent() throws Exception {
    try (PrivateProsody prosody = create()) {
      assertFalse(config(prosody).contains("privilege"), "no privilege unless asked for");

      prosody.enablePrivilege();

      String config = config(prosody);
      assertTrue(config.contains(ProsodyPrivilege.virtualHost(PrivateProsody.DOMAIN, "icq.localhost")), config);
      assertTrue(config.contains(ProsodyPrivilege.component("icq.localhost", "secret")), config);
    }
  }

  @Test
  void aMissingModuleFailsNamingTheDebianPackage() {
    try (PrivateProsody prosody = create()) {
      IllegalStateException refused = assertThrows(IllegalStateException.class,
          () -> prosody.enablePrivilege(folder.resolve("modules/mod_privilege/mod_privilege.lua")));
      assertTrue(refused.getMessage().contains("apt-get install -y prosody-modules"), refused.getMessage());
    }
  }

  private PrivateProsody create() {
    return PrivateProsody.create(folder.resolve("prosody"), "icq.localhost", "secret", 0, 0, Duration.ofMinutes(1));
  }

  private static String config(PrivateProsody prosody) throws Exception {
    return Files.readString(prosody.configFile(), StandardCharsets.UTF_8);
  }
}
