package net.icqtransport.oscar.snac.icbm;

import io.netty.buffer.ByteBuf;
import java.util.Objects;
import net.icqtransport.oscar.snac.Snac;
import net.icqtransport.oscar.snac.SnacIo;
import net.icqtransport.oscar.snac.SnacType;

/**
 * SNAC(04,14), a typing notification, the same both ways (iserverd snac_04_14): 8 zero bytes, channel u16,
 * screen name (u8 length), type u16 ({@link #FINISHED}, {@link #TYPED}, {@link #BEGUN}).
 */
public record IcbmTyping(int channel, String screenName, int type) {
  public static final int FINISHED = 0x0000;
  public static final int TYPED = 0x0001;
  public static final int BEGUN = 0x0002;

  public IcbmTyping {
    Objects.requireNonNull(screenName, "screenName");
  }

  public Snac toSnac(long requestId) {
    return Snac.build(SnacType.ICBM_TYPING, requestId, out -> {
      IcbmHeader.write(out, 0, channel, screenName);
      out.writeShort(type);
    });
  }

  public static IcbmTyping decode(Snac snac) {
    if (!snac.is(SnacType.ICBM_TYPING)) {
      throw new IllegalArgumentException("not SNAC(04,14): " + snac);
    }
    ByteBuf in = snac.dataBuffer();
    SnacIo.readBytes(in, 8, "typing cookie");
    int channel = SnacIo.readU16(in, "typing channel");
    String name = SnacIo.readScreenName(in);
    int type = SnacIo.readU16(in, "typing type");
    return new IcbmTyping(channel, name, type);
  }
}
