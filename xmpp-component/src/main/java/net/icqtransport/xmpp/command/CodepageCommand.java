package net.icqtransport.xmpp.command;

import java.nio.charset.Charset;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import net.icqtransport.core.bridge.Gateway;
import net.icqtransport.core.user.UserAddress;
import net.icqtransport.xmpp.form.DataForm;
import net.icqtransport.xmpp.stanza.StanzaException;
import org.xmpp.packet.PacketError;

/**
 * "Legacy codepage" (XEP-0050, two stages): the 8-bit codepage the user's ICQ contacts write in (old ICQ
 * clients send texts in the sender's Windows codepage). The gateway stores it with the registration and logs
 * in again, so that the OSCAR session decodes with it from then on.
 */
public final class CodepageCommand implements AdHocCommand {
  public static final String NODE = "codepage";
  /** The choice that leaves the codepage to the transport's configuration. */
  static final String DEFAULT = "default";

  /** Codepages offered, value → label. */
  static final Map<String, String> CODEPAGES = codepages();

  private final Gateway gateway;

  public CodepageCommand(Gateway gateway) {
    this.gateway = Objects.requireNonNull(gateway, "gateway");
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
          .listSingle("codepage", "Codepage", CODEPAGES, current(request.user()))));
    }
    String codepage = request.requireForm().value("codepage");
    if (codepage == null || !CODEPAGES.containsKey(codepage)) {
      throw new StanzaException(PacketError.Condition.bad_request, "Choose one of the codepages offered");
    }
    Charset charset = codepage.equals(DEFAULT) ? null : Charset.forName(codepage);
    return gateway.setLegacyCodepage(request.user(), charset).thenApply(done -> CommandStep.completed(
        "Codepage set to " + codepage + ". Logging in to ICQ again so that it applies."));
  }

  /** The user's stored choice, as one of the offered values. */
  private String current(UserAddress user) {
    return gateway.registration(user)
        .flatMap(registration -> registration.options().codepage())
        .map(charset -> charset.name().toLowerCase(Locale.ROOT))
        .filter(CODEPAGES::containsKey)
        .orElse(DEFAULT);
  }

  private static Map<String, String> codepages() {
    Map<String, String> map = new LinkedHashMap<>();
    map.put(DEFAULT, "The transport's default");
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
