package net.icqtransport.xmpp.command;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import net.icqtransport.xmpp.form.DataForm;
import net.icqtransport.xmpp.stanza.StanzaException;
import net.icqtransport.xmpp.state.UserPreferences;
import org.xmpp.packet.PacketError;

/**
 * "Legacy codepage" (XEP-0050, two stages): the 8-bit codepage the user's ICQ contacts write in (old ICQ
 * clients send texts in the sender's Windows codepage). Kept in memory for now, which the note says: storing
 * it, and decoding with it, are the core's.
 */
public final class CodepageCommand implements AdHocCommand {
  public static final String NODE = "codepage";
  static final String DEFAULT = "windows-1252";

  /** Codepages offered, value → label. */
  static final Map<String, String> CODEPAGES = codepages();

  private final UserPreferences preferences;

  public CodepageCommand(UserPreferences preferences) {
    this.preferences = Objects.requireNonNull(preferences, "preferences");
  }

  @Override
  public String node() {
    return NODE;
  }

  @Override
  public String name() {
    return "Legacy codepage";
  }

  @Override
  public Audience audience() {
    return Audience.REGISTERED_USERS;
  }

  @Override
  public CompletableFuture<CommandStep> execute(CommandRequest request) {
    if (request.stage() == 0) {
      return CompletableFuture.completedFuture(CommandStep.form(DataForm.form()
          .title("Legacy codepage")
          .instructions("The codepage of ICQ messages that are not Unicode.")
          .listSingle("codepage", "Codepage", CODEPAGES, preferences.codepage(request.user()).orElse(DEFAULT))));
    }
    String codepage = request.requireForm().value("codepage");
    if (codepage == null || !CODEPAGES.containsKey(codepage)) {
      throw new StanzaException(PacketError.Condition.bad_request, "Choose one of the codepages offered");
    }
    preferences.setCodepage(request.user(), codepage);
    return CompletableFuture.completedFuture(CommandStep.completed(
        "Codepage set to " + codepage + " until the transport restarts (it is not stored yet)."));
  }

  private static Map<String, String> codepages() {
    Map<String, String> map = new LinkedHashMap<>();
    map.put("windows-1252", "Western European (Windows-1252)");
    map.put("iso-8859-1", "Western European (ISO-8859-1)");
    map.put("windows-1250", "Central European (Windows-1250)");
    map.put("windows-1251", "Cyrillic (Windows-1251)");
    map.put("koi8-r", "Cyrillic (KOI8-R)");
    map.put("windows-1253", "Greek (Windows-1253)");
    map.put("windows-1254", "Turkish (Windows-1254)");
    map.put("windows-1257", "Baltic (Windows-1257)");
    return java.util.Collections.unmodifiableMap(map);
  }
}
