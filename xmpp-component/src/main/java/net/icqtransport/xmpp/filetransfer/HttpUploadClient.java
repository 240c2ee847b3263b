package net.icqtransport.xmpp.filetransfer;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import net.icqtransport.xmpp.router.IqRequests;
import net.icqtransport.xmpp.stanza.Namespaces;
import org.dom4j.Element;
import org.xmpp.packet.IQ;
import org.xmpp.packet.JID;

/**
 * XEP-0363 HTTP File Upload, as the component: finds the upload service of a user's server (§2: disco#items on
 * the domain, disco#info on each item for {@value #NAMESPACE}), requests a slot from the component's own address
 * (§4) and PUTs the file with the JDK's HttpClient (§5). Whether the service grants the component slots is the
 * server's choice: Prosody's mod_http_file_share does for every host it serves (components included) unless
 * {@code http_file_share_access} lists who may. Services are remembered per domain.
 */
public final class HttpUploadClient {
  public static final String NAMESPACE = "urn:xmpp:http:upload:0";
  /** Headers a slot may ask for (§4); others are dropped, as the XEP requires. */
  private static final Set<String> ALLOWED_HEADERS = Set.of("authorization", "cookie", "expires");

  private final IqRequests iq;
  private final JID from;
  private final HttpClient http;
  private final Duration timeout;
  private final Map<String, CompletableFuture<Optional<JID>>> services = new ConcurrentHashMap<>();

  public HttpUploadClient(IqRequests iq, JID from, HttpClient http, Duration timeout) {
    this.iq = iq;
    this.from = from;
    this.http = http;
    this.timeout = timeout;
  }

  /** The upload service of {@code domain}, if it has one; a failed lookup is asked again next time. */
  public CompletableFuture<Optional<JID>> service(String domain) {
    CompletableFuture<Optional<JID>> lookup = services.computeIfAbsent(domain, this::discover);
    lookup.whenComplete((found, failure) -> {
      if (failure != null || found.isEmpty()) {
        services.remove(domain, lookup);
      }
    });
    return lookup;
  }

  private CompletableFuture<Optional<JID>> discover(String domain) {
    JID server = new JID(domain);
    return disco(server, Namespaces.DISCO_INFO).thenCompose(info -> {
      if (hasUploadFeature(info)) {
        return CompletableFuture.completedFuture(Optional.of(server));
      }
      return disco(server, Namespaces.DISCO_ITEMS).thenCompose(items -> firstUploadService(items(items), 0));
    });
  }

  private CompletableFuture<Optional<JID>> firstUploadService(List<JID> candidates, int index) {
    if (index >= candidates.size()) {
      return CompletableFuture.completedFuture(Optional.empty());
    }
    JID candidate = candidates.get(index);
    return disco(candidate, Namespaces.DISCO_INFO)
        .thenCompose(info -> hasUploadFeature(info) ? CompletableFuture.completedFuture(Optional.of(candidate))
            : firstUploadService(candidates, index + 1));
  }

  private CompletableFuture<IQ> disco(JID to, String namespace) {
    IQ request = new IQ(IQ.Type.get);
    request.setFrom(from);
    request.setTo(to);
    request.setChildElement("query", namespace);
    return iq.send(request);
  }

  private static boolean hasUploadFeature(IQ info) {
    Element query = info.getType() == IQ.Type.result ? info.getChildElement() : null;
    return query != null && query.elements("feature").stream()
        .anyMatch(feature -> NAMESPACE.equals(feature.attributeValue("var")));
  }

  private static List<JID> items(IQ items) {
    List<JID> found = new ArrayList<>();
    Element query = items.getType() == IQ.Type.result ? items.getChildElement() : null;
    if (query != null) {
      for (Element item : query.elements("item")) {
        String jid = item.attributeValue("jid");
        if (jid != null) {
          found.add(new JID(jid));
        }
      }
    }
    return found;
  }

  /** §4: asks {@code service} for a slot; fails with the service's error text when it refuses. */
  public CompletableFuture<UploadSlot> requestSlot(JID service, String fileName, long size, String contentType) {
    IQ request = new IQ(IQ.Type.get);
    request.setFrom(from);
    request.setTo(service);
    Element element = request.setChildElement("request", NAMESPACE);
    element.addAttribute("filename", fileName);
    element.addAttribute("size", Long.toString(size));
    element.addAttribute("content-type", contentType);
    return iq.send(request).thenApply(answer -> {
      Element slot = answer.getType() == IQ.Type.result ? answer.getChildElement() : null;
      Element put = slot == null ? null : slot.element("put");
      Element get = slot == null ? null : slot.element("get");
      if (put == null || get == null) {
        String why = answer.getError() != null ? answer.getError().getCondition().toXMPP()
            + (answer.getError().getText() == null ? "" : ": " + answer.getError().getText()) : "no slot";
        throw new IllegalStateException("the upload service refused a slot (" + why + ")");
      }
      Map<String, String> headers = new LinkedHashMap<>();
      for (Element header : put.elements("header")) {
        String name = header.attributeValue("name", "");
        if (ALLOWED_HEADERS.contains(name.toLowerCase(java.util.Locale.ROOT))) {
          headers.put(name, header.getTextTrim().replace("\n", "").replace("\r", ""));
        }
      }
      return new UploadSlot(URI.create(put.attributeValue("url")), headers, URI.create(get.attributeValue("url")));
    });
  }

  /** §5: PUTs the file; completes with the GET URL once the service answered 2xx. */
  public CompletableFuture<URI> upload(UploadSlot slot, byte[] content, String contentType) {
    HttpRequest.Builder request = HttpRequest.newBuilder(slot.put()).timeout(timeout)
        .header("Content-Type", contentType)
        .PUT(HttpRequest.BodyPublishers.ofByteArray(content));
    slot.headers().forEach(request::header);
    return http.sendAsync(request.build(), HttpResponse.BodyHandlers.discarding()).thenApply(response -> {
      if (response.statusCode() / 100 != 2) {
        throw new IllegalStateException("the upload answered HTTP " + response.statusCode());
      }
      return slot.get();
    });
  }

  /** Thrown for a fetch over the size limit. */
  static IOException tooLarge(long limit) {
    return new IOException("larger than " + limit + " bytes");
  }
}
