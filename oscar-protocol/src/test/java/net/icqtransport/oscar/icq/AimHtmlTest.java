package net.icqtransport.oscar.icq;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * AIM message bodies ⇄ plain text. The bodies are as AIM clients wrote them: AIM 5.x for Windows, iChat,
 * Trillian, Gaim/Pidgin, AIM Express (the web client) and Miranda's AIM plug-in.
 */
class AimHtmlTest {

  @Test
  void aim5Body() {
    assertEquals("hey, are you there?", AimHtml.toPlainText(
        "<HTML><BODY BGCOLOR=\"#ffffff\"><FONT LANG=\"0\">hey, are you there?</FONT></BODY></HTML>"));
  }

  @Test
  void aim5BodyWithFaceSizeColorAndNestedFonts() {
    assertEquals("Hi Joe! bold and italic", AimHtml.toPlainText(
        "<HTML><BODY BGCOLOR=\"#ffffff\"><FONT FACE=\"Arial\" SIZE=2 COLOR=\"#000080\">Hi Joe! "
            + "<B>bold</B> <FONT COLOR=\"#ff0000\"><I>and</I></FONT> <U>italic</U></FONT></BODY></HTML>"));
  }

  @Test
  void iChatBody() {
    assertEquals("Good morning", AimHtml.toPlainText(
        "<HTML><BODY ichatballooncolor=\"#7BB5EE\" ichattextcolor=\"#000000\"><FONT FACE=\"Helvetica\" "
            + "ABSZ=12 SIZE=3>Good morning</FONT></BODY></HTML>"));
  }

  @Test
  void gaimBodyWithoutHtmlWrapper() {
    assertEquals("a <b> tag & \"quotes\"", AimHtml.toPlainText("a &lt;b&gt; tag &amp; &quot;quotes&quot;"));
  }

  @Test
  void lineBreaks() {
    assertEquals("line one\nline two\nline three", AimHtml.toPlainText(
        "<HTML><BODY><FONT>line one<BR>line two<br/>line three</FONT></BODY></HTML>"));
    assertEquals("first\nsecond", AimHtml.toPlainText("<P>first</P><P>second</P>"));
  }

  @Test
  void linksKeepTheirAddress() {
    assertEquals("see the docs (http://example.org/docs?a=1&b=2) now", AimHtml.toPlainText(
        "<HTML><BODY><FONT>see <A HREF=\"http://example.org/docs?a=1&amp;b=2\">the docs</A> now</FONT></BODY></HTML>"));
    // A link whose text is its address is written once (AIM 5 turns typed addresses into such links).
    assertEquals("http://example.org", AimHtml.toPlainText("<A HREF=\"http://example.org\">http://example.org</A>"));
    assertEquals("www.example.org", AimHtml.toPlainText("<a href=http://www.example.org>www.example.org</a>"));
    assertEquals("mail me (mailto:joe@example.org)", AimHtml.toPlainText("mail <a href='mailto:joe@example.org'>me</a>"));
  }

  @ParameterizedTest(name = "{0} → {1}")
  @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
      "Gr&uuml;&szlig;e           | Grüße",
      "Gr&#252;&#223;e            | Grüße",
      "&#x41F;&#x440;&#x438;      | При",
      "&#128512;                  | 😀",
      "&#X1F600;                  | 😀",
      "a&nbsp;b                   | a\u00A0b",
      "AT&T                       | AT&T",
      "&unknown; &                | &unknown; &",
      "&#xD800;                   | &#xD800;",
      "&#0;                       | &#0;",
      "1 < 2 and 3 > 2            | 1 < 2 and 3 > 2",
      "<3 you                     | <3 you",
      "<!-- comment -->visible    | visible",
      "<FONT BACK=\"#ff0\">x       | x",
      "unclosed <b                | unclosed <b",
  })
  void entitiesAndOddInput(String html, String text) {
    assertEquals(text, AimHtml.toPlainText(html));
  }

  @Test
  void escapesPlainTextForAnAimClient() {
    assertEquals("&lt;b&gt;not bold&lt;/b&gt;", AimHtml.escape("<b>not bold</b>"));
    assertEquals("AT&amp;T &quot;quoted&quot;", AimHtml.escape("AT&T \"quoted\""));
    assertEquals("one<BR>two<BR>three", AimHtml.escape("one\ntwo\r\nthree"));
    assertEquals("Grüße 😀", AimHtml.escape("Grüße 😀"));
  }

  @Test
  void escapedTextReadsBackUnchanged() {
    for (String text : new String[] {"<b>bold?</b>", "a & b", "x < y > z", "&amp; stays &amp;", "line\nbreak",
        "<HTML><BODY>typed</BODY></HTML>", "\"q\" 'a'"}) {
      assertEquals(text, AimHtml.toPlainText(AimHtml.escape(text)), text);
    }
  }
}
