package net.icqtransport.xmpp.testing;

import org.xmpp.packet.IQ;
import org.xmpp.packet.Packet;

/** Helpers for XEP-0050 command tests, whose session ids are random. */
public final class Commands {

  private Commands() {}

  /** The {@code sessionid} of a command answer. */
  public static String sessionIdOf(Packet answer) {
    return ((IQ) answer).getChildElement().attributeValue("sessionid");
  }
}
