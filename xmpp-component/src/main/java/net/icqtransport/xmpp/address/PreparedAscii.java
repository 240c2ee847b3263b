package net.icqtransport.xmpp.address;

/**
 * Tells the JID parts that stringprep would leave exactly as they are, so that the addresses of every relayed
 * message (an ICQ number's JID, the user's bare JID) need not go through Tinder's stringprep caches again: Nodeprep
 * and Nameprep (RFC 3920 Appendixes A and B; RFC 3491 §3: mapping to lower case, NFKC, no prohibited output) leave
 * lower-case ASCII letters, digits and the few punctuation characters accepted here unchanged. Anything else (an
 * upper-case letter, a non-ASCII character, a character a local part may not hold) is "not known to be prepared"
 * and takes the full stringprep.
 */
final class PreparedAscii {

  /** RFC 7622 §3.1: at most 1023 octets per part. */
  private static final int MAX_PART = 1023;
  /** RFC 1035 §2.3.4: at most 63 octets per label. */
  private static final int MAX_LABEL = 63;

  private PreparedAscii() {}

  /**
   * Whether nodeprep leaves {@code node} unchanged: a local part of lower-case letters, digits, {@code . _ -} and
   * the backslash of XEP-0106 escapes ({@code \20}); null (no local part) counts as prepared.
   */
  static boolean isPreparedNode(String node) {
    return node == null || isPrepared(node, 0, node.length(), true);
  }

  /**
   * Whether domainprep leaves {@code domain} unchanged and accepts it: lower-case letters, digits and {@code -} in
   * labels of 1 to 63 characters (RFC 1035 §2.3.4; IDNA's ToASCII refuses an empty or longer label), separated
   * by single dots, no trailing dot (RFC 7622 §3.2 removes it).
   */
  static boolean isPreparedDomain(String domain) {
    return domain != null && isPreparedDomain(domain, 0, domain.length());
  }

  /** {@link #isPreparedDomain(String)} of {@code text} from {@code start} to {@code end}, without a substring. */
  private static boolean isPreparedDomain(String text, int start, int end) {
    if (!isPrepared(text, start, end, false)) {
      return false;
    }
    int label = 0;
    for (int i = start; i < end; i++) {
      if (text.charAt(i) == '.') {
        if (label == 0) {
          return false;
        }
        label = 0;
      } else if (++label > MAX_LABEL) {
        return false;
      }
    }
    return label > 0;
  }

  /**
   * Whether resourceprep leaves {@code resource} unchanged and accepts it: printable ASCII, space included
   * (RFC 3920 Appendix B: no mapping or normalization changes them, none is prohibited).
   */
  static boolean isPreparedResource(String resource) {
    return isPreparedResource(resource, 0, resource.length());
  }

  private static boolean isPreparedResource(String text, int start, int end) {
    int length = end - start;
    if (length == 0 || length > MAX_PART) {
      return false;
    }
    for (int i = start; i < end; i++) {
      char c = text.charAt(i);
      if (c < 0x20 || c > 0x7E) {
        return false;
      }
    }
    return true;
  }

  /**
   * Whether {@code jid} is a JID whose every part is prepared as above: then it is well-formed and already in its
   * canonical form. False says only "not known": such a JID takes the full stringprep.
   */
  static boolean isPreparedJid(String jid) {
    // Checked in place: this runs for both addresses of every stanza the transport receives.
    int slash = jid.indexOf('/');
    int bareEnd = slash < 0 ? jid.length() : slash;
    int firstAt = jid.indexOf('@');
    int at = firstAt < bareEnd ? firstAt : -1;
    return (at < 0 || isPrepared(jid, 0, at, true)) && isPreparedDomain(jid, at + 1, bareEnd)
        && (slash < 0 || isPreparedResource(jid, slash + 1, jid.length()));
  }

  private static boolean isPrepared(String text, int start, int end, boolean node) {
    int length = end - start;
    if (length == 0 || length > MAX_PART) {
      return false;
    }
    for (int i = start; i < end; i++) {
      char c = text.charAt(i);
      boolean plain = c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '.' || c == '-';
      if (!plain && !(node && (c == '_' || c == '\\'))) {
        return false;
      }
    }
    return true;
  }
}
