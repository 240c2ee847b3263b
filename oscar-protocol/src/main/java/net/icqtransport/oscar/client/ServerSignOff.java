package net.icqtransport.oscar.client;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import net.icqtransport.core.legacy.DisconnectReason;
import net.icqtransport.oscar.OscarProtocolException;
import net.icqtransport.oscar.tlv.Tlv;
import net.icqtransport.oscar.tlv.TlvChain;

/**
 * A channel-4 frame from the server on an established connection: why it closes the session. TLV 0x09 is the
 * reason (0x0001: the account signed on from another location; 1, 2 or 4 bytes, or absent), TLV 0x0B a URL
 * explaining it. The frame may be empty or unreadable; that is still a close by the server.
 *
 * @param code TLV 0x09, when present and readable
 * @param url TLV 0x0B, when present
 */
public record ServerSignOff(OptionalInt code, Optional<String> url) {
  public static final int SIGNED_ON_ELSEWHERE = 0x0001;

  /** Never throws: whatever the server sent, the session ends. TLVs before a broken one still count. */
  public static ServerSignOff parse(byte[] payload) {
    ByteBuf in = Unpooled.wrappedBuffer(payload);
    List<Tlv> read = new ArrayList<>();
    try {
      while (in.isReadable()) {
        read.add(Tlv.read(in));
      }
    } catch (OscarProtocolException e) {
      // keep what came before
    }
    TlvChain tlvs = new TlvChain(read);
    try {
      OptionalInt code = tlvs.find(0x09)
          .filter(t -> t.length() == 1 || t.length() == 2 || t.length() == 4)
          .map(t -> OptionalInt.of((int) t.asUnsigned()))
          .orElse(OptionalInt.empty());
      Optional<String> url = tlvs.ascii(0x0B).map(String::strip).filter(u -> !u.isEmpty());
      return new ServerSignOff(code, url);
    } catch (OscarProtocolException e) {
      return new ServerSignOff(OptionalInt.empty(), Optional.empty());
    }
  }

  public DisconnectReason reason() {
    return code.isPresent() && code.getAsInt() == SIGNED_ON_ELSEWHERE
        ? DisconnectReason.SIGNED_ON_ELSEWHERE
        : DisconnectReason.CLOSED_BY_SERVER;
  }

  /** For the user: what happened, the server's code and its URL. */
  public String detail() {
    if (reason() == DisconnectReason.SIGNED_ON_ELSEWHERE) {
      return "signed on from another location" + url.map(u -> " (" + u + ")").orElse("");
    }
    StringBuilder text = new StringBuilder("closed by the server");
    code.ifPresent(c -> text.append(String.format(" (reason 0x%04X)", c)));
    url.ifPresent(u -> text.append(", see ").append(u));
    return text.toString();
  }
}
