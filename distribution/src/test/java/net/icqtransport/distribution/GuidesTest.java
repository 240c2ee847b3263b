package net.icqtransport.distribution;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import net.icqtransport.xmpp.server.PrivateProsody;
import net.icqtransport.xmpp.server.ProsodyPrivilege;
import net.icqtransport.xmpp.testing.EjabberdServer;
import org.junit.jupiter.api.Test;

/**
 * The server guides in docs/ show the configuration the end-to-end tests run with: the same text the
 * launchers write (with the guides' example values), so a guide cannot drift from what is tested.
 */
class GuidesTest {
  private static final String DOMAIN = "icq.example.org";
  private static final String SECRET = "change-me";

  @Test
  void theProsodyGuideShowsTheListenerAndComponentThatPrivateProsodyWrites() throws Exception {
    String guide = read("guide-prosody.md");
    assertContains(guide, "```lua\n" + PrivateProsody.componentListener("127.0.0.1", 5347) + "```");
    assertContains(guide, "```lua\n" + PrivateProsody.componentDeclaration(DOMAIN, SECRET) + "```");
  }

  /** Issue #17: mod_privilege from Debian's package, on the user host and the component, as the harness loads it. */
  @Test
  void theProsodyGuideShowsThePrivilegeSettingsThatPrivateProsodyWrites() throws Exception {
    String guide = read("guide-prosody.md");
    assertContains(guide, "```sh\napt-get install " + ProsodyPrivilege.PACKAGE + "\n```");
    assertContains(guide, "```lua\n" + ProsodyPrivilege.virtualHost("example.org", DOMAIN) + "```");
    assertContains(guide, "```lua\n" + ProsodyPrivilege.component(DOMAIN, SECRET) + "```");
    assertContains(guide, ProsodyPrivilege.MODULE_FILE.toString());
    assertFalse(guide.contains("prosodyctl install --"), "the guide still installs with prosodyctl (needs luarocks)");
  }

  @Test
  void theEjabberdGuideShowsTheListenerAndPrivilegesThatTheEjabberdHarnessWrites() throws Exception {
    String guide = read("guide-ejabberd.md");
    assertContains(guide, "```yaml\n" + EjabberdServer.serviceListener("127.0.0.1", 5347, DOMAIN, SECRET) + "```");
    assertContains(guide, "```yaml\n" + EjabberdServer.PRIVILEGE_MODULE + "```");
  }

  /** Issue #21: the complete ejabberd.yml of the several-instances setup, as SeveralInstancesEndToEndTest runs it. */
  @Test
  void theScalingGuideShowsTheCompleteEjabberdConfigurationThatTheHarnessRuns() throws Exception {
    assertContains(read("scaling.md"), "```yaml\n" + EjabberdServer.severalInstancesExample() + "```");
  }

  private static String read(String name) throws Exception {
    return Files.readString(Path.of("../docs", name), StandardCharsets.UTF_8);
  }

  private static void assertContains(String guide, String snippet) {
    assertTrue(guide.contains(snippet), "the guide lacks the snippet the tests use:\n" + snippet);
  }
}
