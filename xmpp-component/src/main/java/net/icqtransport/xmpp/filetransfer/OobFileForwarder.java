package net.icqtransport.xmpp.filetransfer;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import net.icqtransport.core.bridge.UserSessions;
import net.icqtransport.core.legacy.FileTransferException;
import net.icqtransport.core.legacy.LegacyContactId;
import net.icqtransport.core.user.UserAddress;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xmpp.packet.Message;

/**
 * Files from Jabber users to ICQ contacts: a message carrying an XEP-0066 OOB URL (what clients send after an
 * XEP-0363 upload) is fetched (size limit, timeout) and offered to the contact as an OFT transfer. When the
 * contact cannot take files (no send-file capability, offline), declines, or does not answer, or the fetch fails,
 * the message goes as text (the body, or the URL when the body is empty), so the link still arrives.
 */
public final class OobFileForwarder {
  private static final Logger LOG = LoggerFactory.getLogger(OobFileForwarder.class);

  private final UserSessions gateway;
  private final HttpClient http;
  private final FileTransferSettings settings;

  public OobFileForwarder(UserSessions gateway, HttpClient http, FileTransferSettings settings) {
    this.gateway = gateway;
    this.http = http;
    this.settings = settings;
  }

  /**
   * Takes a message with an OOB URL; returns false (and does nothing) for other messages. The future completes
   * once the file or the text fallback was handed to ICQ.
   */
  public boolean handle(Message message, UserAddress user, LegacyContactId contact) {
    URI url = OobData.url(message).orElse(null);
    if (url == null) {
      return false;
    }
    String body = message.getBody() == null || message.getBody().isBlank() ? url.toString() : message.getBody();
    fetch(url)
        .thenCompose(content -> gateway.sendFile(user, contact, fileName(url), content))
        .exceptionallyCompose(failure -> {
          Throwable cause = failure instanceof CompletionException && failure.getCause() != null
              ? failure.getCause() : failure;
          LOG.debug("File {} from {} to {} goes as a link: {}", url, user, contact, cause.toString());
          return gateway.sendMessage(user, contact, body);
        })
        .whenComplete((ok, failure) -> {
          if (failure != null) {
            LOG.info("Neither file nor link from {} reached ICQ {}: {}", user, contact, failure.toString());
          }
        });
    return true;
  }

  /** GETs the URL, refusing more than the limit (by Content-Length, and while reading). */
  CompletableFuture<byte[]> fetch(URI url) {
    HttpRequest request = HttpRequest.newBuilder(url).timeout(settings.httpTimeout()).GET().build();
    return http.sendAsync(request, HttpResponse.BodyHandlers.ofInputStream()).thenApply(response -> {
      try (InputStream in = response.body()) {
        if (response.statusCode() != 200) {
          throw new IOException("HTTP " + response.statusCode());
        }
        long declared = response.headers().firstValueAsLong("Content-Length").orElse(-1);
        if (declared > settings.maxSize()) {
          throw new FileTransferException(FileTransferException.Reason.TOO_LARGE, "larger than the limit");
        }
        byte[] content = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, settings.maxSize() + 1));
        if (content.length > settings.maxSize()) {
          throw new FileTransferException(FileTransferException.Reason.TOO_LARGE, "larger than the limit");
        }
        return content;
      } catch (IOException e) {
        throw new CompletionException(e);
      }
    });
  }

  static String fileName(URI url) {
    String path = url.getRawPath() == null ? "" : url.getRawPath();
    String last = path.substring(path.lastIndexOf('/') + 1);
    return FileOfferRelay.safeName(URLDecoder.decode(last, StandardCharsets.UTF_8));
  }
}
