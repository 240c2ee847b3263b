package net.icqtransport.xmpp.handler;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import net.icqtransport.core.bridge.Directory;
import net.icqtransport.core.legacy.LegacyContactId;
import net.icqtransport.core.legacy.LegacySearchQuery;
import net.icqtransport.core.legacy.LegacyUserInfo;
import net.icqtransport.core.user.UserAddress;
import net.icqtransport.xmpp.address.Recipient;
import net.icqtransport.xmpp.address.TransportAddresses;
import net.icqtransport.xmpp.form.DataForm;
import net.icqtransport.xmpp.form.DataForm.Column;
import net.icqtransport.xmpp.form.SubmittedForm;
import net.icqtransport.xmpp.mapping.StanzaErrorMapping;
import net.icqtransport.xmpp.router.IqHandler;
import net.icqtransport.xmpp.stanza.Namespaces;
import net.icqtransport.xmpp.stanza.StanzaErrors;
import net.icqtransport.xmpp.stanza.StanzaException;
import net.icqtransport.xmpp.stanza.StanzaSender;
import net.icqtransport.xmpp.stanza.XmlText;
import org.dom4j.Element;
import org.dom4j.QName;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xmpp.packet.IQ;
import org.xmpp.packet.PacketError;

/**
 * The ICQ directory search (XEP-0055) on the transport's domain.
 *
 * <ul>
 *   <li>get → instructions, the legacy fields {@code first}, {@code last}, {@code nick}, {@code email}
 *       (§2.1) and the same plus {@code uin} and {@code online-only} as a XEP-0004 form (§3,
 *       {@code FORM_TYPE} {@code jabber:iq:search}).
 *   <li>set with a submitted form → the results as a form of type {@code result}: reported columns and one
 *       item per user (§3, Example 9), the {@code jid} being {@code UIN@domain}.
 *   <li>set with legacy fields → the results as legacy {@code <item jid=…/>} (§2.2): §3 pairs a form answer
 *       with a form request, and a client that sent legacy fields may not read forms.
 * </ul>
 *
 * No criteria → {@code bad-request}; gateway failures (not logged in, …) are mapped by
 * {@link StanzaErrorMapping#forGatewayFailure}.
 */
public final class SearchHandler implements IqHandler {
  private static final Logger LOG = LoggerFactory.getLogger(SearchHandler.class);
  static final String INSTRUCTIONS =
      "Search the ICQ directory by ICQ number, e-mail address, or nickname and names.";
  static final String NO_CRITERIA = "Enter an ICQ number, an e-mail address or a name to search for";

  private static final List<Column> COLUMNS = List.of(
      new Column("jid", "jid-single", "Jabber ID"),
      new Column("uin", "text-single", "ICQ number"),
      new Column("nick", "text-single", "Nickname"),
      new Column("first", "text-single", "First name"),
      new Column("last", "text-single", "Last name"),
      new Column("email", "text-single", "E-mail"),
      new Column("online", "boolean", "Online"));

  private final StanzaSender sender;
  private final Directory gateway;
  private final TransportAddresses addresses;

  public SearchHandler(StanzaSender sender, Directory gateway, TransportAddresses addresses) {
    this.sender = Objects.requireNonNull(sender, "sender");
    this.gateway = Objects.requireNonNull(gateway, "gateway");
    this.addresses = Objects.requireNonNull(addresses, "addresses");
  }

  @Override
  public Set<String> namespaces() {
    return Set.of(Namespaces.SEARCH);
  }

  @Override
  public void handle(IQ request, Recipient recipient) {
    if (!recipient.isTransport()) {
      throw new StanzaException(PacketError.Condition.feature_not_implemented, "Search with the transport itself");
    }
    if (request.getType() == IQ.Type.get) {
      sender.send(searchForm(request));
      return;
    }
    UserAddress user = addresses.userOf(request.getFrom());
    Optional<SubmittedForm> form = SubmittedForm.in(request.getChildElement());
    LegacySearchQuery query = form.map(this::queryOf).orElseGet(() -> legacyQueryOf(request.getChildElement()));
    gateway.search(user, query).whenComplete((results, failure) -> {
      if (failure != null) {
        Throwable cause = AsyncFailures.unwrap(failure);
        LOG.debug("Search by {} failed: {}", user, cause.toString());
        sender.send(StanzaErrors.iqError(request, StanzaErrorMapping.forGatewayFailure(cause, "search the ICQ directory")));
      } else {
        sender.send(form.isPresent() ? formResults(request, results) : legacyResults(request, results));
      }
    });
  }

  private IQ searchForm(IQ request) {
    IQ result = IQ.createResultIQ(request);
    Element query = result.setChildElement("query", Namespaces.SEARCH);
    query.addElement("instructions").setText(INSTRUCTIONS);
    query.addElement("first");
    query.addElement("last");
    query.addElement("nick");
    query.addElement("email");
    DataForm.form()
        .title("ICQ directory search")
        .instructions(INSTRUCTIONS)
        .formType(Namespaces.SEARCH)
        .field("text-single", "uin", "ICQ number")
        .field("text-single", "email", "E-mail")
        .field("text-single", "nick", "Nickname")
        .field("text-single", "first", "First name")
        .field("text-single", "last", "Last name")
        .field("boolean", "online-only", "Only users who are online", "0")
        .appendTo(query);
    return result;
  }

  private LegacySearchQuery queryOf(SubmittedForm form) {
    String uin = form.value("uin");
    return query(uin == null ? null : parseUin(uin), form.value("email"), form.value("nick"), form.value("first"),
        form.value("last"), form.isTrue("online-only") ? Boolean.TRUE : null);
  }

  private LegacySearchQuery legacyQueryOf(Element query) {
    return query(null, legacyField(query, "email"), legacyField(query, "nick"), legacyField(query, "first"),
        legacyField(query, "last"), null);
  }

  private static LegacySearchQuery query(
      LegacyContactId uin, String email, String nick, String first, String last, Boolean onlineOnly) {
    try {
      return new LegacySearchQuery(uin, email, nick, first, last, onlineOnly);
    } catch (IllegalArgumentException e) {
      throw new StanzaException(PacketError.Condition.bad_request, NO_CRITERIA);
    }
  }

  private LegacyContactId parseUin(String uin) {
    try {
      return gateway.parseContactId(uin);
    } catch (IllegalArgumentException e) {
      throw new StanzaException(PacketError.Condition.bad_request,
          "'" + uin + "' is not an ICQ number or AIM screen name");
    }
  }

  private IQ formResults(IQ request, List<LegacyUserInfo> users) {
    IQ result = IQ.createResultIQ(request);
    Element query = result.setChildElement("query", Namespaces.SEARCH);
    DataForm form = DataForm.result().formType(Namespaces.SEARCH).reported(COLUMNS);
    for (LegacyUserInfo user : users) {
      Map<String, String> row = new LinkedHashMap<>();
      row.put("jid", addresses.contactJid(user.id()).toBareJID());
      row.put("uin", user.id().value());
      putKnown(row, "nick", user.nickname());
      putKnown(row, "first", user.firstName());
      putKnown(row, "last", user.lastName());
      putKnown(row, "email", user.email());
      if (user.online() != null) {
        row.put("online", user.online() ? "1" : "0");
      }
      form.item(row);
    }
    form.appendTo(query);
    return result;
  }

  private IQ legacyResults(IQ request, List<LegacyUserInfo> users) {
    IQ result = IQ.createResultIQ(request);
    Element query = result.setChildElement("query", Namespaces.SEARCH);
    for (LegacyUserInfo user : users) {
      Element item = query.addElement("item").addAttribute("jid", addresses.contactJid(user.id()).toBareJID());
      addKnown(item, "first", user.firstName());
      addKnown(item, "last", user.lastName());
      addKnown(item, "nick", user.nickname());
      addKnown(item, "email", user.email());
    }
    return result;
  }

  private static void putKnown(Map<String, String> row, String var, String value) {
    String clean = XmlText.sanitize(value);
    if (clean != null && !clean.isBlank()) {
      row.put(var, clean);
    }
  }

  private static void addKnown(Element item, String name, String value) {
    String clean = XmlText.sanitize(value);
    if (clean != null && !clean.isBlank()) {
      item.addElement(name).setText(clean);
    }
  }

  private static String legacyField(Element query, String name) {
    Element field = query.element(QName.get(name, Namespaces.SEARCH));
    String text = field == null ? null : field.getTextTrim();
    return text == null || text.isEmpty() ? null : text;
  }
}
