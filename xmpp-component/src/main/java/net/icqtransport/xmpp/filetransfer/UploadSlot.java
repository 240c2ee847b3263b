package net.icqtransport.xmpp.filetransfer;

import java.net.URI;
import java.util.Map;
import java.util.Objects;

/** An XEP-0363 slot (§4): where to PUT the file, the headers to send with it, and the URL to share. */
public record UploadSlot(URI put, Map<String, String> headers, URI get) {
  public UploadSlot {
    Objects.requireNonNull(put, "put");
    Objects.requireNonNull(get, "get");
    headers = Map.copyOf(headers);
  }
}
