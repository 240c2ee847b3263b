package net.icqtransport.oscar.snac;

import io.netty.buffer.ByteBuf;
import java.util.OptionalInt;
import net.icqtransport.oscar.tlv.TlvChain;

/**
 * The error reply any family sends as subtype 0x01 (iserverd "errorlist"): a u16 code, optionally followed by
 * TLVs of which 0x08 carries a subcode. The request id is that of the SNAC the error answers.
 *
 * @param code the error code (0x04 recipient not logged in, 0x02/0x03 rate limits, …)
 * @param subcode TLV 0x08, when present
 */
public record SnacError(int family, long requestId, int code, OptionalInt subcode) {
  public static final int INVALID_SNAC = 0x01;
  public static final int RATE_TO_HOST = 0x02;
  public static final int RATE_TO_CLIENT = 0x03;
  public static final int RECIPIENT_NOT_LOGGED_IN = 0x04;
  public static final int SERVICE_UNAVAILABLE = 0x05;
  public static final int NOT_SUPPORTED_BY_CLIENT = 0x09;
  public static final int REQUEST_DENIED = 0x0D;
  public static final int BUSTED_PAYLOAD = 0x0E;
  public static final int BLOCKED = 0x10;

  public static SnacError decode(Snac snac) {
    if (!SnacType.isError(snac)) {
      throw new IllegalArgumentException("not an error SNAC: " + snac);
    }
    ByteBuf in = snac.dataBuffer();
    int code = SnacIo.readU16(in, "error code");
    OptionalInt subcode = OptionalInt.empty();
    if (in.isReadable()) {
      try {
        TlvChain tlvs = TlvChain.readChain(in);
        subcode = tlvs.u16(0x08);
      } catch (RuntimeException e) {
        // The subcode is advisory; a malformed tail must not hide the error code itself.
      }
    }
    return new SnacError(snac.family(), snac.requestId(), code, subcode);
  }
}
