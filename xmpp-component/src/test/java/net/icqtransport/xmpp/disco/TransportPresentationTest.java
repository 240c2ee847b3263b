package net.icqtransport.xmpp.disco;

import static net.icqtransport.xmpp.testing.Commands.commandIq;
import static net.icqtransport.xmpp.testing.Commands.sessionIdOf;
import static net.icqtransport.xmpp.testing.Stanzas.assertStanzas;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.Mockito.when;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import net.icqtransport.core.user.UserAddress;
import net.icqtransport.xmpp.testing.RouterFixture;
import org.dom4j.Element;
import org.junit.jupiter.api.Test;
import org.xmpp.packet.IQ;
import org.xmpp.packet.JID;
import org.xmpp.packet.Packet;
import org.xmpp.packet.Presence;

/**
 * Both presentations of the transport (issue #16): an ICQ gateway by default, an AIM gateway when the operator
 * configures it: disco identity and its caps hash, the XEP-0077 form, the "Register" command's form and the
 * {@code jabber:iq:gateway} prompt. The rest of the handlers' behaviour is the same and tested with ICQ.
 */
class TransportPresentationTest {

  @Test
  void configValuesNameThePresentations() {
    assertEquals(Optional.of(TransportPresentation.ICQ), TransportPresentation.named("icq"));
    assertEquals(Optional.of(TransportPresentation.AIM), TransportPresentation.named(" AIM "));
    assertEquals(Optional.empty(), TransportPresentation.named("msn"));
    assertEquals("aim", TransportPresentation.AIM.configValue());
  }

  @Test
  void discoIdentityIsGatewayIcqByDefault() {
    assertEquals(List.of("gateway/icq/ICQ Transport", "conference/text/ICQ chat rooms"), identitiesOf(new RouterFixture()));
    assertEquals(List.of("gateway/icq/ICQ Transport", "conference/text/ICQ chat rooms"),
        identitiesOf(new RouterFixture(TransportPresentation.ICQ)));
  }

  @Test
  void discoIdentityIsGatewayAimWhenPresentedAsAim() {
    assertEquals(List.of("gateway/aim/AIM Transport", "conference/text/AIM chat rooms"),
        identitiesOf(new RouterFixture(TransportPresentation.AIM)));
  }

  /** The identity is part of the XEP-0115 hash: each presentation answers its own node#ver, not the other's. */
  @Test
  void eachPresentationHasItsOwnCapsHash() {
    EntityCaps icq = EntityCaps.transport(TransportPresentation.ICQ);
    EntityCaps aim = EntityCaps.transport(TransportPresentation.AIM);
    assertEquals(EntityCaps.TRANSPORT, icq);
    assertNotEquals(icq.ver(), aim.ver());
    assertEquals(aim.ver(), EntityCaps.verificationString(TransportFeatures.info(TransportPresentation.AIM)));

    RouterFixture fixture = new RouterFixture(TransportPresentation.AIM);
    fixture.receive(discoInfo("c1", aim.nodeVer()));
    fixture.receive(discoInfo("c2", icq.nodeVer()));
    assertEquals(IQ.Type.result, ((IQ) fixture.sender.sent().get(0)).getType());
    assertEquals(IQ.Type.error, ((IQ) fixture.sender.sent().get(1)).getType());
  }

  @Test
  void presencesFromTheDomainCarryThePresentationsHash() {
    List<Packet> sent = new ArrayList<>();
    EntityCapsStamper stamper = new EntityCapsStamper(sent::add, "aim.localhost", TransportPresentation.AIM);
    Presence presence = new Presence();
    presence.setFrom(new JID("aim.localhost"));
    presence.setTo(new JID("alice@localhost"));
    stamper.send(presence);
    Element c = ((Presence) sent.get(0)).getChildElement("c", "http://jabber.org/protocol/caps");
    assertEquals(EntityCaps.transport(TransportPresentation.AIM).ver(), c.attributeValue("ver"));
  }

  @Test
  void registrationFormSpeaksOfScreenNamesWhenPresentedAsAim() {
    RouterFixture fixture = new RouterFixture(TransportPresentation.AIM);
    when(fixture.gateway.registration(new UserAddress("alice@localhost"))).thenReturn(Optional.empty());

    fixture.receive("""
        <iq type='get' id='r1' from='alice@localhost/pc' to='icq.localhost'>
          <query xmlns='jabber:iq:register'/>
        </iq>""");

    assertStanzas(fixture.sender.sent(), """
        <iq type='result' id='r1' from='icq.localhost' to='alice@localhost/pc'>
          <query xmlns='jabber:iq:register'>
            <instructions>Enter your AIM screen name and your password.</instructions>
            <username/>
            <password/>
            <x xmlns='jabber:x:data' type='form'>
              <title>AIM Transport registration</title>
              <instructions>Enter your AIM screen name and your password.</instructions>
              <field type='hidden' var='FORM_TYPE'><value>jabber:iq:register</value></field>
              <field type='text-single' var='username' label='Screen name'><required/></field>
              <field type='text-private' var='password' label='Password'><required/></field>
            </x>
          </query>
        </iq>""");
  }

  @Test
  void registerCommandFormSpeaksOfScreenNamesWhenPresentedAsAim() {
    RouterFixture fixture = new RouterFixture(TransportPresentation.AIM);
    fixture.unregistered("bob@localhost");

    fixture.receive(commandIq("s0", "bob@localhost/phone", "node='register' action='execute'"));

    assertStanzas(fixture.sender.sent(), """
        <iq type='result' id='s0' from='icq.localhost' to='bob@localhost/phone'>
          <command xmlns='http://jabber.org/protocol/commands' node='register' sessionid='%s' status='executing'>
            <actions execute='complete'><complete/></actions>
            <x xmlns='jabber:x:data' type='form'>
              <title>Register with ICQ</title>
              <instructions>Enter your AIM screen name and your password.</instructions>
              <field type='text-single' var='username' label='Screen name'><required/></field>
              <field type='text-private' var='password' label='Password'><required/></field>
            </x>
          </command>
        </iq>""".formatted(sessionIdOf(fixture.sender.sent().get(0))));
  }

  @Test
  void gatewayPromptIsScreenNameWhenPresentedAsAim() {
    RouterFixture fixture = new RouterFixture(TransportPresentation.AIM);

    fixture.receive("""
        <iq type='get' id='g1' from='alice@localhost/pc' to='icq.localhost'>
          <query xmlns='jabber:iq:gateway'/>
        </iq>""");

    assertStanzas(fixture.sender.sent(), """
        <iq type='result' id='g1' from='icq.localhost' to='alice@localhost/pc'>
          <query xmlns='jabber:iq:gateway'>
            <desc>Please enter the AIM screen name of the person you would like to contact.</desc>
            <prompt>Screen name</prompt>
          </query>
        </iq>""");
  }

  @Test
  void gatewayPromptNamesBothByDefault() {
    RouterFixture fixture = new RouterFixture();
    fixture.receive("""
        <iq type='get' id='g1' from='alice@localhost/pc' to='icq.localhost'>
          <query xmlns='jabber:iq:gateway'/>
        </iq>""");
    Element query = ((IQ) fixture.sender.sent().get(0)).getChildElement();
    assertEquals("ICQ number or AIM screen name", query.elementText("prompt"));
    assertTrue(query.elementText("desc").contains("ICQ number (UIN) or AIM screen name"));
  }

  @Test
  void theTransportsVCardNamesItAsPresented() {
    RouterFixture fixture = new RouterFixture(TransportPresentation.AIM);
    fixture.receive("<iq type='get' id='v1' from='alice@localhost/pc' to='icq.localhost'>"
        + "<vCard xmlns='vcard-temp'/></iq>");
    assertStanzas(fixture.sender.sent(), """
        <iq type='result' id='v1' from='icq.localhost' to='alice@localhost/pc'>
          <vCard xmlns='vcard-temp'>
            <FN>AIM Transport</FN>
            <DESC>Gateway between XMPP and the AIM network</DESC>
          </vCard>
        </iq>""");
  }

  private static String discoInfo(String id, String node) {
    return "<iq type='get' id='" + id + "' from='alice@localhost/pc' to='icq.localhost'>"
        + "<query xmlns='http://jabber.org/protocol/disco#info'" + (node == null ? "" : " node='" + node + "'")
        + "/></iq>";
  }

  /** The domain's identities as category/type/name, read from what the router answered. */
  private static List<String> identitiesOf(RouterFixture fixture) {
    fixture.receive(discoInfo("d1", null));
    Element query = ((IQ) fixture.sender.sent().get(0)).getChildElement();
    return query.elements("identity").stream()
        .map(e -> e.attributeValue("category") + "/" + e.attributeValue("type") + "/" + e.attributeValue("name"))
        .toList();
  }
}
