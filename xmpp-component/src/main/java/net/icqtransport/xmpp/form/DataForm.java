package net.icqtransport.xmpp.form;

import java.util.List;
import java.util.Map;
import net.icqtransport.xmpp.stanza.Namespaces;
import org.dom4j.DocumentHelper;
import org.dom4j.Element;

/**
 * Builds a XEP-0004 {@code <x xmlns='jabber:x:data'/>}: a form to fill in (§3.1 type {@code form}), or a
 * result (type {@code result}) with fields or a table of {@code <reported/>} columns and {@code <item/>}
 * rows (§3.4). Fields are added in the order they are shown.
 */
public final class DataForm {
  private final Element x;

  private DataForm(String type) {
    x = DocumentHelper.createElement(org.dom4j.QName.get("x", Namespaces.DATA_FORMS));
    x.addAttribute("type", type);
  }

  /** A form for the requester to fill in. */
  public static DataForm form() {
    return new DataForm("form");
  }

  /** A form of results. */
  public static DataForm result() {
    return new DataForm("result");
  }

  public DataForm title(String title) {
    x.addElement("title").setText(title);
    return this;
  }

  public DataForm instructions(String instructions) {
    x.addElement("instructions").setText(instructions);
    return this;
  }

  /** The hidden {@code FORM_TYPE} field naming what the form is for (XEP-0068 §3). */
  public DataForm formType(String namespace) {
    return field("hidden", "FORM_TYPE", null, false, namespace);
  }

  /** A field; {@code label} may be null, {@code values} are its (default) values. */
  public DataForm field(String type, String var, String label, String... values) {
    return field(type, var, label, false, values);
  }

  /** A field the requester must fill in (§3.2 {@code <required/>}). */
  public DataForm requiredField(String type, String var, String label, String... values) {
    return field(type, var, label, true, values);
  }

  /** A {@code list-single} field offering {@code options} (value → label, in order) with a default value. */
  public DataForm listSingle(String var, String label, Map<String, String> options, String value) {
    Element field = addField(x, "list-single", var, label);
    if (value != null) {
      field.addElement("value").setText(value);
    }
    options.forEach((optionValue, optionLabel) ->
        field.addElement("option").addAttribute("label", optionLabel).addElement("value").setText(optionValue));
    return this;
  }

  /** The columns of a result table (§3.4): each field var with its type and label. */
  public DataForm reported(List<Column> columns) {
    Element reported = x.addElement("reported");
    columns.forEach(column -> addField(reported, column.type(), column.var(), column.label()));
    return this;
  }

  /** One row of a result table: var → values, only the known ones, in column order. */
  public DataForm item(Map<String, String> values) {
    Element item = x.addElement("item");
    values.forEach((var, value) -> item.addElement("field").addAttribute("var", var).addElement("value").setText(value));
    return this;
  }

  /** A detached copy of the {@code <x/>} element. */
  public Element element() {
    return x.createCopy();
  }

  /** Appends a copy of the form to a payload element. */
  public void appendTo(Element parent) {
    parent.add(element());
  }

  private DataForm field(String type, String var, String label, boolean required, String... values) {
    Element field = addField(x, type, var, label);
    if (required) {
      field.addElement("required");
    }
    for (String value : values) {
      if (value != null) {
        field.addElement("value").setText(value);
      }
    }
    return this;
  }

  private static Element addField(Element parent, String type, String var, String label) {
    Element field = parent.addElement("field").addAttribute("type", type).addAttribute("var", var);
    if (label != null) {
      field.addAttribute("label", label);
    }
    return field;
  }

  /** A column of a result table. */
  public record Column(String var, String type, String label) {}
}
