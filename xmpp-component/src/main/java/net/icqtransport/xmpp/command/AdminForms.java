package net.icqtransport.xmpp.command;

/** Names XEP-0133 (Service Administration) gives its commands and forms. */
final class AdminForms {
  /** §3: every admin command's node starts with this. */
  static final String NODE_PREFIX = "http://jabber.org/protocol/admin#";
  /** §3: the FORM_TYPE of admin forms. */
  static final String FORM_TYPE = "http://jabber.org/protocol/admin";

  private AdminForms() {}
}
