package net.icqtransport.xmpp.form;

import java.util.List;
import java.util.Optional;
import net.icqtransport.xmpp.stanza.Namespaces;
import org.dom4j.Element;
import org.dom4j.QName;

/** A XEP-0004 form the requester sent back (§3.3 type {@code submit}), read field by field. */
public final class SubmittedForm {
  private final Element x;

  private SubmittedForm(Element x) {
    this.x = x;
  }

  /** The submitted form among the payload's children, if there is one of type {@code submit}. */
  public static Optional<SubmittedForm> in(Element payload) {
    Element x = payload.element(QName.get("x", Namespaces.DATA_FORMS));
    if (x == null || !"submit".equals(x.attributeValue("type"))) {
      return Optional.empty();
    }
    return Optional.of(new SubmittedForm(x));
  }

  /** All values of a field, in order; empty when the field is absent. */
  public List<String> values(String var) {
    for (Element field : x.elements("field")) {
      if (var.equals(field.attributeValue("var"))) {
        return field.elements("value").stream().map(Element::getText).toList();
      }
    }
    return List.of();
  }

  /** The first value of a field, trimmed; null when absent or blank. */
  public String value(String var) {
    List<String> values = values(var);
    if (values.isEmpty() || values.get(0).isBlank()) {
      return null;
    }
    return values.get(0).strip();
  }

  /** A boolean field (XEP-0004 §3.3: {@code 1}/{@code true}); absent counts as false. */
  public boolean isTrue(String var) {
    String value = value(var);
    return "1".equals(value) || "true".equals(value);
  }
}
