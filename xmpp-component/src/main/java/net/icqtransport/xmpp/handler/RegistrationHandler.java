package net.icqtransport.xmpp.handler;

import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import net.icqtransport.core.bridge.Gateway;
import net.icqtransport.core.registration.Registration;
import net.icqtransport.core.user.UserAddress;
import net.icqtransport.xmpp.address.Recipient;
import net.icqtransport.xmpp.address.TransportAddresses;
import net.icqtransport.xmpp.disco.TransportPresentation;
import net.icqtransport.xmpp.mapping.StanzaErrorMapping;
import net.icqtransport.xmpp.router.IqHandler;
import net.icqtransport.xmpp.stanza.Namespaces;
import net.icqtransport.xmpp.stanza.StanzaErrors;
import net.icqtransport.xmpp.stanza.StanzaException;
import net.icqtransport.xmpp.stanza.StanzaSender;
import org.dom4j.Element;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xmpp.packet.IQ;
import org.xmpp.packet.PacketError;

/**
 * In-band registration with the transport (XEP-0077, as XEP-0100 §4.1-§4.3 uses it).
 *
 * <ul>
 *   <li>get → instructions (in the words of the {@link TransportPresentation}), {@code <username/>} (the UIN or AIM screen name, stored normalized: "Joe User" is
 *       {@code joeuser}) and {@code <password/>}, plus the same fields as a
 *       XEP-0004 form (XEP-0077 §4); {@code <registered/>} and the UIN when already registered (§3.1).
 *   <li>set → the gateway logs in to check the credentials and stores them only then; on success an empty
 *       result, then {@code subscribe} from the transport to the user's bare JID (XEP-0100 §4.1.1). No probe
 *       follows at once: a server answers a probe from an entity without a subscription with
 *       {@code unsubscribed}, which cancels the pending request (Prosody does). The user's {@code subscribed}
 *       answer makes the server send the user's presence, and {@link PresenceHandler} probes then.
 *       Refused credentials give {@code not-authorized}, and nothing else is sent. When the registration store
 *       is unreachable (its database is down) the reply is {@code internal-server-error} of type {@code wait}
 *       (RFC 6120 §8.3.2, §8.3.3.6) saying so: nothing was stored, the user may try again later. The check,
 *       the errors and the follow-up (with the welcome message for a new user) are {@link AccountRegistration}'s,
 *       which the "Register" and "Change password" ad-hoc commands share.
 *   <li>set with {@code <remove/>} → unregister, result, then {@code unsubscribe}, {@code unsubscribed} and
 *       {@code unavailable} to the user (XEP-0077 §3.2, XEP-0100 §4.3), through the {@link Unregistration}
 *       that the "Unregister" ad-hoc command shares.
 * </ul>
 *
 * <p>The password is never logged: only the user and the UIN are.
 */
public final class RegistrationHandler implements IqHandler {
  private static final Logger LOG = LoggerFactory.getLogger(RegistrationHandler.class);

  private final StanzaSender sender;
  private final Gateway gateway;
  private final TransportAddresses addresses;
  private final AccountRegistration registration;
  private final Unregistration unregistration;
  private final TransportPresentation presentation;

  public RegistrationHandler(StanzaSender sender, Gateway gateway, TransportAddresses addresses,
      AccountRegistration registration, Unregistration unregistration, TransportPresentation presentation) {
    this.sender = Objects.requireNonNull(sender, "sender");
    this.gateway = Objects.requireNonNull(gateway, "gateway");
    this.addresses = Objects.requireNonNull(addresses, "addresses");
    this.registration = Objects.requireNonNull(registration, "registration");
    this.unregistration = Objects.requireNonNull(unregistration, "unregistration");
    this.presentation = Objects.requireNonNull(presentation, "presentation");
  }

  @Override
  public Set<String> namespaces() {
    return Set.of(Namespaces.REGISTER);
  }

  @Override
  public void handle(IQ request, Recipient recipient) {
    if (!recipient.isTransport()) {
      throw new StanzaException(PacketError.Condition.feature_not_implemented, "Register with the transport itself");
    }
    UserAddress user = addresses.userOf(request.getFrom());
    if (request.getType() == IQ.Type.get) {
      sender.send(registrationForm(request, gateway.registration(user)));
      return;
    }
    Element query = request.getChildElement();
    if (query.element("remove") != null) {
      unregister(request, user);
    } else {
      register(request, user, query);
    }
  }

  private IQ registrationForm(IQ request, Optional<Registration> registration) {
    IQ result = IQ.createResultIQ(request);
    Element query = result.setChildElement("query", Namespaces.REGISTER);
    String account = registration.map(r -> r.credentials().account().value()).orElse(null);
    query.addElement("instructions").setText(presentation.registrationInstructions());
    if (account != null) {
      query.addElement("registered");
      query.addElement("username").setText(account);
    } else {
      query.addElement("username");
    }
    query.addElement("password"); // never filled in: the stored password does not leave the transport

    Element form = query.addElement("x", Namespaces.DATA_FORMS).addAttribute("type", "form");
    form.addElement("title").setText(presentation.transportName() + " registration");
    form.addElement("instructions").setText(presentation.registrationInstructions());
    Element formType = form.addElement("field").addAttribute("type", "hidden").addAttribute("var", "FORM_TYPE");
    formType.addElement("value").setText(Namespaces.REGISTER);
    Element username = form.addElement("field")
        .addAttribute("type", "text-single").addAttribute("var", "username")
        .addAttribute("label", presentation.accountLabel());
    username.addElement("required");
    if (account != null) {
      username.addElement("value").setText(account);
    }
    form.addElement("field")
        .addAttribute("type", "text-private").addAttribute("var", "password").addAttribute("label", "Password")
        .addElement("required");
    return result;
  }

  private void register(IQ request, UserAddress user, Element query) {
    String username = field(query, "username");
    String password = field(query, "password");
    registration.register(user, username, password).whenComplete((registered, failure) -> {
      if (failure == null) {
        sender.send(IQ.createResultIQ(request));
        registration.followUp(registered);
      } else {
        // AccountRegistration fails with the mapped error; anything else still gets an answer
        PacketError error = AsyncFailures.unwrap(failure) instanceof StanzaException refused
            ? refused.toPacketError()
            : StanzaErrorMapping.forUnexpectedFailure("complete the registration; try again later");
        sender.send(StanzaErrors.iqError(request, error));
      }
    });
  }

  private void unregister(IQ request, UserAddress user) {
    unregistration.remove(user).whenComplete((existed, failure) -> {
      if (failure != null) {
        LOG.warn("Unregistering {} failed", user, failure);
        sender.send(StanzaErrors.iqError(request,
            StanzaErrorMapping.forGatewayFailure(AsyncFailures.unwrap(failure), "remove the registration")));
        return;
      }
      sender.send(IQ.createResultIQ(request));
      unregistration.announce(user);
    });
  }

  /** A submitted XEP-0004 form wins over the plain fields (clients send one or the other). */
  private static String field(Element query, String name) {
    Element form = query.element(org.dom4j.QName.get("x", Namespaces.DATA_FORMS));
    if (form != null && "submit".equals(form.attributeValue("type"))) {
      for (Element field : form.elements("field")) {
        if (name.equals(field.attributeValue("var"))) {
          return field.elementText("value");
        }
      }
    }
    Element plain = query.element(org.dom4j.QName.get(name, Namespaces.REGISTER));
    if (plain == null) {
      plain = query.element(name);
    }
    return plain == null ? null : plain.getText();
  }
}
