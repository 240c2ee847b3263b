package net.icqtransport.xmpp.handler;

import java.util.Base64;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import net.icqtransport.core.bridge.Directory;
import net.icqtransport.core.legacy.LegacyContactId;
import net.icqtransport.core.legacy.LegacyUserInfo;
import net.icqtransport.core.user.UserAddress;
import net.icqtransport.xmpp.address.Recipient;
import net.icqtransport.xmpp.address.TransportAddresses;
import net.icqtransport.xmpp.avatar.Avatar;
import net.icqtransport.xmpp.avatar.AvatarSource;
import net.icqtransport.xmpp.disco.TransportPresentation;
import net.icqtransport.xmpp.mapping.StanzaErrorMapping;
import net.icqtransport.xmpp.router.IqHandler;
import net.icqtransport.xmpp.stanza.Namespaces;
import net.icqtransport.xmpp.stanza.StanzaErrors;
import net.icqtransport.xmpp.stanza.StanzaException;
import net.icqtransport.xmpp.stanza.StanzaSender;
import net.icqtransport.xmpp.stanza.XmlText;
import org.dom4j.Element;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xmpp.packet.IQ;
import org.xmpp.packet.PacketError;

/**
 * vCards (XEP-0054 vcard-temp) of ICQ contacts and of the transport.
 *
 * <ul>
 *   <li>get to {@code UIN@domain} → the gateway's directory info on the contact as a vCard (§3.1): FN, N,
 *       NICKNAME, URL, ADR, EMAIL, DESC, and PHOTO from the {@link AvatarSource} when it knows the avatar.
 *       ICQ's age and gender have no vcard-temp element and are left out. Failures are mapped by
 *       {@link StanzaErrorMapping#forGatewayFailure}.
 *   <li>get to the domain → the transport's own vCard (FN, DESC), named as the {@link TransportPresentation} says.
 *   <li>set → {@code not-allowed}: nobody may publish a vCard for a contact or the transport (§3.2).
 * </ul>
 */
public final class VCardHandler implements IqHandler {
  private static final Logger LOG = LoggerFactory.getLogger(VCardHandler.class);

  private final StanzaSender sender;
  private final Directory gateway;
  private final TransportAddresses addresses;
  private final AvatarSource avatars;
  private final TransportPresentation presentation;

  public VCardHandler(StanzaSender sender, Directory gateway, TransportAddresses addresses, AvatarSource avatars,
      TransportPresentation presentation) {
    this.sender = Objects.requireNonNull(sender, "sender");
    this.gateway = Objects.requireNonNull(gateway, "gateway");
    this.addresses = Objects.requireNonNull(addresses, "addresses");
    this.avatars = Objects.requireNonNull(avatars, "avatars");
    this.presentation = Objects.requireNonNull(presentation, "presentation");
  }

  @Override
  public Set<String> namespaces() {
    return Set.of(Namespaces.VCARD);
  }

  @Override
  public void handle(IQ request, Recipient recipient) {
    if (request.getType() != IQ.Type.get) {
      throw new StanzaException(PacketError.Condition.not_allowed, "vCards of ICQ contacts and of the transport are read-only");
    }
    if (recipient.isTransport()) {
      IQ result = IQ.createResultIQ(request);
      Element vcard = result.setChildElement("vCard", Namespaces.VCARD);
      vcard.addElement("FN").setText(presentation.transportName());
      vcard.addElement("DESC").setText("Gateway between XMPP and the " + presentation.networkName() + " network");
      sender.send(result);
      return;
    }
    UserAddress user = addresses.userOf(request.getFrom());
    LegacyContactId contact = recipient.contact();
    CompletableFuture<Optional<Avatar>> avatar = avatarOf(user, contact);
    gateway.fetchUserInfo(user, contact).thenCombine(avatar, (info, photo) -> vcard(request, info, photo))
        .whenComplete((result, failure) -> {
          if (failure == null) {
            sender.send(result);
          } else {
            Throwable cause = AsyncFailures.unwrap(failure);
            LOG.debug("No vCard of {} for {}: {}", contact, user, cause.toString());
            sender.send(StanzaErrors.iqError(request, StanzaErrorMapping.forGatewayFailure(cause, "fetch the ICQ user info")));
          }
        });
  }

  private CompletableFuture<Optional<Avatar>> avatarOf(UserAddress user, LegacyContactId contact) {
    try {
      return avatars.avatar(user, contact).exceptionally(failure -> {
        LOG.debug("No avatar of {} for {}'s vCard: {}", contact, user, failure.toString());
        return Optional.empty();
      });
    } catch (RuntimeException e) {
      LOG.warn("Avatar source failed for {}", contact, e);
      return CompletableFuture.completedFuture(Optional.empty());
    }
  }

  private IQ vcard(IQ request, LegacyUserInfo info, Optional<Avatar> photo) {
    IQ result = IQ.createResultIQ(request);
    Element vcard = result.setChildElement("vCard", Namespaces.VCARD);
    String first = text(info.firstName());
    String last = text(info.lastName());
    String nick = text(info.nickname());
    String fullName = String.join(" ", java.util.stream.Stream.of(first, last).filter(Objects::nonNull).toList());
    vcard.addElement("FN").setText(!fullName.isEmpty() ? fullName : nick != null ? nick : info.id().value());
    if (first != null || last != null) {
      Element n = vcard.addElement("N");
      add(n, "FAMILY", last);
      add(n, "GIVEN", first);
    }
    add(vcard, "NICKNAME", nick);
    add(vcard, "URL", text(info.homePage()));
    String city = text(info.city());
    String region = text(info.state());
    String country = text(info.country());
    if (city != null || region != null || country != null) {
      Element adr = vcard.addElement("ADR");
      adr.addElement("HOME");
      add(adr, "LOCALITY", city);
      add(adr, "REGION", region);
      add(adr, "CTRY", country);
    }
    String email = text(info.email());
    if (email != null) {
      Element element = vcard.addElement("EMAIL");
      element.addElement("INTERNET");
      element.addElement("USERID").setText(email);
    }
    add(vcard, "DESC", text(info.about()));
    photo.ifPresent(avatar -> {
      Element element = vcard.addElement("PHOTO");
      element.addElement("TYPE").setText(avatar.mimeType());
      element.addElement("BINVAL").setText(Base64.getEncoder().encodeToString(avatar.bytes()));
    });
    return result;
  }

  private static void add(Element parent, String name, String value) {
    if (value != null) {
      parent.addElement(name).setText(value);
    }
  }

  /** Legacy text made XML-safe; blank counts as unknown. */
  private static String text(String value) {
    String clean = XmlText.sanitize(value);
    return clean == null || clean.isBlank() ? null : clean.strip();
  }
}
