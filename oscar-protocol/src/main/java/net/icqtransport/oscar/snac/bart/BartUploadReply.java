package net.icqtransport.oscar.snac.bart;

import io.netty.buffer.ByteBuf;
import net.icqtransport.oscar.snac.Snac;
import net.icqtransport.oscar.snac.SnacIo;
import net.icqtransport.oscar.snac.SnacType;

/**
 * SNAC(10,03), the server's answer to an upload (iserverd {@code snac_10_03.txt}): result code u8 (0 success),
 * then the BART id under which the icon is stored.
 */
public record BartUploadReply(int code, BartId id) {
  public static final int SUCCESS = 0;

  public boolean isSuccess() {
    return code == SUCCESS;
  }

  public static BartUploadReply decode(Snac snac) {
    if (!snac.is(SnacType.BART_UPLOAD_REPLY)) {
      throw new IllegalArgumentException("not SNAC(10,03): " + snac);
    }
    ByteBuf in = snac.dataBuffer();
    int code = SnacIo.readU8(in, "BART upload result");
    return new BartUploadReply(code, BartId.read(in));
  }
}
