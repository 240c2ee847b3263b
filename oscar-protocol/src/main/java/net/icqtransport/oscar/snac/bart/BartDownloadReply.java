package net.icqtransport.oscar.snac.bart;

import io.netty.buffer.ByteBuf;
import java.util.Arrays;
import net.icqtransport.oscar.snac.Snac;
import net.icqtransport.oscar.snac.SnacIo;
import net.icqtransport.oscar.snac.SnacType;

/**
 * SNAC(10,07), the icon ICQ asked for with SNAC(10,06) (iserverd {@code snac_10_07.txt}): screen name (u8
 * length), the BART id asked for, a result code u8 (0 success), the BART id answered, icon length u16, icon.
 */
public record BartDownloadReply(String screenName, BartId requested, int code, BartId answered, byte[] icon) {
  public static final int SUCCESS = 0;

  public BartDownloadReply {
    icon = icon.clone();
  }

  @Override
  public byte[] icon() {
    return icon.clone();
  }

  public boolean isSuccess() {
    return code == SUCCESS && icon.length > 0;
  }

  public static BartDownloadReply decode(Snac snac) {
    if (!snac.is(SnacType.BART_DOWNLOAD_ICQ_REPLY)) {
      throw new IllegalArgumentException("not SNAC(10,07): " + snac);
    }
    ByteBuf in = snac.dataBuffer();
    String screenName = SnacIo.readScreenName(in);
    BartId requested = BartId.read(in);
    int code = SnacIo.readU8(in, "BART result code");
    BartId answered = BartId.read(in);
    int length = SnacIo.readU16(in, "icon length");
    byte[] icon = SnacIo.readBytes(in, length, "icon");
    return new BartDownloadReply(screenName, requested, code, answered, icon);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof BartDownloadReply other && screenName.equals(other.screenName)
        && requested.equals(other.requested) && code == other.code && answered.equals(other.answered)
        && Arrays.equals(icon, other.icon);
  }

  @Override
  public int hashCode() {
    return java.util.Objects.hash(screenName, requested, code, answered, Arrays.hashCode(icon));
  }

  @Override
  public String toString() {
    return "BartDownloadReply[" + screenName + ", code " + code + ", " + icon.length + " bytes]";
  }
}
