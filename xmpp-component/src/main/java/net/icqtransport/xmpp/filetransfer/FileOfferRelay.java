package net.icqtransport.xmpp.filetransfer;

import java.net.URI;
import java.net.URLConnection;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import net.icqtransport.core.legacy.FileTransferException;
import net.icqtransport.core.legacy.LegacyContactId;
import net.icqtransport.core.legacy.LegacyFileOffer;
import net.icqtransport.core.user.UserAddress;
import net.icqtransport.xmpp.address.TransportAddresses;
import net.icqtransport.xmpp.stanza.StanzaSender;
import net.icqtransport.xmpp.stanza.XmlText;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xmpp.packet.JID;
import org.xmpp.packet.Message;

/**
 * Files from ICQ contacts to Jabber users: the transport accepts the offer on the user's behalf (up to the size
 * limit), uploads the file to the user's own server with XEP-0363 and sends the user a message from the contact
 * with the link in the body and in an XEP-0066 {@code jabber:x:oob} element. An offer over the limit, a server
 * without an upload service, a refused slot or a failed transfer ends with the offer declined (OFT cancel) and a
 * message telling the user why.
 */
public final class FileOfferRelay {
  private static final Logger LOG = LoggerFactory.getLogger(FileOfferRelay.class);

  private final StanzaSender sender;
  private final TransportAddresses addresses;
  private final HttpUploadClient uploads;
  private final FileTransferSettings settings;

  public FileOfferRelay(StanzaSender sender, TransportAddresses addresses, HttpUploadClient uploads,
      FileTransferSettings settings) {
    this.sender = sender;
    this.addresses = addresses;
    this.uploads = uploads;
    this.settings = settings;
  }

  public void offered(UserAddress user, LegacyContactId from, LegacyFileOffer offer) {
    String name = safeName(offer.fileName());
    if (offer.size() > settings.maxSize()) {
      offer.decline();
      tell(user, from, from.value() + " offered the file \"" + name + "\" (" + offer.size() + " bytes); it is larger"
          + " than the transport's limit of " + settings.maxSize() + " bytes and was declined.");
      return;
    }
    JID userJid = addresses.userJid(user);
    uploads.service(userJid.getDomain()).thenCompose(service -> {
      if (service.isEmpty()) {
        offer.decline();
        throw new FileTransferException(FileTransferException.Reason.NOT_SUPPORTED,
            "your server " + userJid.getDomain() + " offers no HTTP upload service (XEP-0363)");
      }
      return offer.accept(settings.maxSize()).thenCompose(content -> {
        String type = Optional.ofNullable(URLConnection.guessContentTypeFromName(name))
            .orElse("application/octet-stream");
        return uploads.requestSlot(service.get(), name, content.length, type)
            .thenCompose(slot -> uploads.upload(slot, content, type))
            .thenApply(url -> new Object[] {url, content.length});
      });
    }).whenComplete((done, failure) -> {
      if (failure == null) {
        URI url = (URI) done[0];
        Message message = message(user, from, name + " (" + done[1] + " bytes): " + url);
        OobData.add(message, url);
        sender.send(message);
        return;
      }
      Throwable cause = failure instanceof CompletionException && failure.getCause() != null
          ? failure.getCause() : failure;
      LOG.debug("File {} from {} to {} not passed on: {}", name, from, user, cause.toString());
      tell(user, from, from.value() + " sent the file \"" + name + "\", but it could not be passed on: "
          + why(cause));
    });
  }

  private static String why(Throwable cause) {
    if (cause instanceof FileTransferException f) {
      return switch (f.reason()) {
        case TOO_LARGE -> "it is larger than the transport's limit.";
        case CANCELLED -> "the sender cancelled it.";
        case TIMED_OUT -> "the transfer timed out.";
        default -> f.getMessage();
      };
    }
    return cause.getMessage() == null ? cause.toString() : cause.getMessage();
  }

  private void tell(UserAddress user, LegacyContactId from, String text) {
    sender.send(message(user, from, "[ICQ transport] " + text));
  }

  private Message message(UserAddress user, LegacyContactId from, String body) {
    Message message = new Message();
    message.setType(Message.Type.chat);
    message.setFrom(addresses.contactJid(from));
    message.setTo(addresses.userJid(user));
    message.setBody(XmlText.sanitize(body));
    return message;
  }

  /** The last path segment, without control characters: a name, never a path. */
  static String safeName(String name) {
    String base = name.replace('\\', '/');
    base = base.substring(base.lastIndexOf('/') + 1).replaceAll("\\p{Cntrl}", "").strip();
    return base.isEmpty() || base.equals(".") || base.equals("..") ? "file" : base;
  }
}
