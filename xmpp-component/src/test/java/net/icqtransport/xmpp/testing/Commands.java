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

  /**
   * The IQ set a client sends to run a command of the transport (XEP-0050 §3):
   * {@code <command xmlns='http://jabber.org/protocol/commands' attributes/>}, e.g. attributes
   * {@code "node='reconnect' action='execute'"}. A form to submit is better written out in full.
   */
  public static String commandIq(String id, String from, String attributes) {
    return """
        <iq type='set' id='%s' from='%s' to='icq.localhost'>
          <command xmlns='http://jabber.org/protocol/commands' %s/>
        </iq>""".formatted(id, from, attributes);
  }
}
