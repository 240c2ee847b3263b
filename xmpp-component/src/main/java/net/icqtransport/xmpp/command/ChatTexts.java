package net.icqtransport.xmpp.command;

import java.util.Locale;
import java.util.MissingResourceException;
import java.util.ResourceBundle;

/**
 * The texts of the chat commands in one language: English always ({@code ChatTexts.properties}), another
 * where a {@code ChatTexts_<language>.properties} exists (German today) and the message's {@code xml:lang}
 * (RFC 6120 §4.7.4) asks for it; a text missing from a translation is taken in English. {@code {0}},
 * {@code {1}}, … in a text are replaced by the arguments (no {@link java.text.MessageFormat}, whose quoting
 * rules trip over apostrophes).
 */
final class ChatTexts {
  private static final String BASE = "net.icqtransport.xmpp.command.ChatTexts";
  private static final ResourceBundle.Control NO_DEFAULT_LOCALE =
      ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES);

  private final ResourceBundle english;
  private final ResourceBundle bundle;
  /** Whether a text this object gave was English for want of a translation: then the answer is English. */
  private volatile boolean englishUsed;

  private ChatTexts(ResourceBundle english, ResourceBundle bundle) {
    this.english = english;
    this.bundle = bundle;
  }

  /** The texts for one answer, in the language of {@code xml:lang} (null or unknown: English). */
  static ChatTexts forLanguage(String lang) {
    Locale locale = lang == null || lang.isBlank() ? Locale.ROOT : Locale.forLanguageTag(lang);
    return new ChatTexts(ResourceBundle.getBundle(BASE, Locale.ROOT, NO_DEFAULT_LOCALE),
        ResourceBundle.getBundle(BASE, locale, NO_DEFAULT_LOCALE));
  }

  /** The language of the texts given so far, for the answer's {@code xml:lang}. */
  String language() {
    String language = bundle.getLocale().getLanguage();
    return language.isEmpty() || englishUsed ? "en" : language;
  }

  String text(String key, Object... args) {
    String text;
    try {
      text = bundle.getString(key);
      if (bundle != english && text.equals(english.getString(key))) {
        englishUsed = true;
      }
    } catch (MissingResourceException e) {
      throw new IllegalStateException("no chat text " + key, e);
    }
    for (int i = 0; i < args.length; i++) {
      text = text.replace("{" + i + "}", String.valueOf(args[i]));
    }
    return text;
  }

  /** A text that exists in English only (e.g. an ad-hoc command's note): the answer is then English. */
  String english(String text) {
    englishUsed = true;
    return text;
  }
}
