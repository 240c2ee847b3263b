package net.icqtransport.core.legacy;

/** Typing notifications (ICQ SNAC 04/14; XEP-0085 chat states on the XMPP side). */
public enum TypingState {
  /** Not typing any more (ICQ 0x0000 "finished"; XEP-0085 active). */
  STOPPED,
  /** Text was entered, typing paused (ICQ 0x0001 "typed"; XEP-0085 paused). */
  PAUSED,
  /** Typing now (ICQ 0x0002 "begun"; XEP-0085 composing). */
  TYPING
}
