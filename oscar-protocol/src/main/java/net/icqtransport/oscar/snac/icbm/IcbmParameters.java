package net.icqtransport.oscar.snac.icbm;

import io.netty.buffer.ByteBuf;
import net.icqtransport.oscar.snac.Snac;
import net.icqtransport.oscar.snac.SnacIo;
import net.icqtransport.oscar.snac.SnacType;

/**
 * ICBM parameters: SNAC(04,02) sets them, SNAC(04,05) reports them. Channel (0 = all), flags (0x01 channel
 * messages allowed, 0x02 missed calls, 0x08 typing notifications), maximum message size, warning levels,
 * minimum interval, and a trailing word.
 */
public record IcbmParameters(
    int channel, long flags, int maxMessageSize, int maxSenderWarning, int maxReceiverWarning,
    int minInterval, int unknown) {
  public static final long FLAG_CHANNEL_MESSAGES = 0x01;
  public static final long FLAG_MISSED_CALLS = 0x02;
  public static final long FLAG_TYPING = 0x08;
  /**
   * 0x100: the client fetches its offline messages itself with SNAC(04,10) instead of having the server push
   * them at sign-on (libpurple's AIM_IMPARAM_FLAG_SUPPORT_OFFLINEMSGS); set for screen-name accounts.
   */
  public static final long FLAG_OFFLINE_MESSAGES = 0x100;

  /** What ICQ clients set: messages, missed calls and typing on all channels, 8000-byte messages. */
  public static IcbmParameters icqDefaults(int channel) {
    return new IcbmParameters(channel, FLAG_CHANNEL_MESSAGES | FLAG_MISSED_CALLS | FLAG_TYPING, 8000, 999, 999, 0, 0);
  }

  /** These parameters with {@code flag} set as well. */
  public IcbmParameters withFlag(long flag) {
    return new IcbmParameters(channel, flags | flag, maxMessageSize, maxSenderWarning, maxReceiverWarning,
        minInterval, unknown);
  }

  public Snac toSetSnac(long requestId) {
    return Snac.build(SnacType.ICBM_SET_PARAMS, requestId, out -> {
      out.writeShort(channel);
      out.writeInt((int) flags);
      out.writeShort(maxMessageSize);
      out.writeShort(maxSenderWarning);
      out.writeShort(maxReceiverWarning);
      out.writeShort(minInterval);
      out.writeShort(unknown);
    });
  }

  public static IcbmParameters decode(Snac snac) {
    ByteBuf in = snac.dataBuffer();
    SnacIo.require(in, 14, "ICBM parameters");
    int channel = in.readUnsignedShort();
    long flags = in.readUnsignedInt();
    int max = in.readUnsignedShort();
    int sender = in.readUnsignedShort();
    int receiver = in.readUnsignedShort();
    int interval = in.readUnsignedShort();
    int unknown = in.readableBytes() >= 2 ? in.readUnsignedShort() : 0;
    return new IcbmParameters(channel, flags, max, sender, receiver, interval, unknown);
  }
}
