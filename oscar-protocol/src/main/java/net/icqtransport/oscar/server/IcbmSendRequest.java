package net.icqtransport.oscar.server;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.Optional;
import net.icqtransport.oscar.snac.Snac;
import net.icqtransport.oscar.tlv.TlvChain;

/**
 * SNAC 04/06 (reference {@code snac_04_06}, {@code snac_04_06_ch1}): cookie u64, channel u16, recipient
 * screen name (u8 length), then the channel's TLVs (channel 1: 0x02 message data, 0x03 ack request, 0x06
 * store if offline).
 */
record IcbmSendRequest(byte[] cookie, int channel, String recipient, TlvChain tlvs) {
  static final int TLV_MESSAGE_DATA = 0x02;
  static final int TLV_SERVER_ACK_REQUEST = 0x03;
  static final int TLV_STORE_IF_OFFLINE = 0x06;
  /** Channel 2 rendezvous block, channel 4 ICQ message block. */
  static final int TLV_CHANNEL_DATA = 0x05;
  private static final int FRAGMENT_TEXT = 0x01;
  private static final int CHARSET_UTF16BE = 0x0002;
  private static final int TYPE_PLAIN = 0x01;

  static IcbmSendRequest parse(Snac snac) {
    ByteBuf in = snac.dataBuffer();
    byte[] cookie = WireReader.readBytes(in, 8, "ICBM cookie");
    int channel = WireReader.readU16(in, "ICBM channel");
    String recipient = WireReader.readScreenName(in);
    return new IcbmSendRequest(cookie, channel, recipient, TlvChain.readChain(in));
  }

  boolean wantsServerAck() {
    return tlvs.contains(TLV_SERVER_ACK_REQUEST);
  }

  boolean storeIfOffline() {
    return tlvs.contains(TLV_STORE_IF_OFFLINE);
  }

  /**
   * The message as the server stores it for an offline recipient (reference {@code snac_15_03_0041}): channel 1
   * becomes type 0x01 with its text fragments (UTF-16BE converted to UTF-8, 8-bit charsets kept as sent);
   * channel 4 keeps the type, flags and text of its TLV 0x05 (reference {@code snac_04_06_ch4}). Empty for other
   * channels, for non-numeric senders, or when the data holds no text.
   */
  Optional<OfflineMessage> toOfflineMessage(String sender, Instant now) {
    long senderUin;
    try {
      senderUin = Long.parseLong(sender);
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
    if (channel == 1) {
      return tlvs.bytes(TLV_MESSAGE_DATA).flatMap(IcbmSendRequest::channelOneText)
          .map(text -> new OfflineMessage(senderUin, now, TYPE_PLAIN, 0, text));
    }
    if (channel == 4) {
      return tlvs.bytes(TLV_CHANNEL_DATA).map(data -> {
        ByteBuf in = Unpooled.wrappedBuffer(data);
        WireReader.require(in, 8, "channel-4 message block");
        in.skipBytes(4);
        int type = in.readUnsignedByte();
        int flags = in.readUnsignedByte();
        int length = in.readUnsignedShortLE();
        byte[] text = WireReader.readBytes(in, length, "channel-4 message text");
        int end = text.length > 0 && text[text.length - 1] == 0 ? text.length - 1 : text.length;
        return new OfflineMessage(senderUin, now, type, flags, Arrays.copyOf(text, end));
      });
    }
    return Optional.empty();
  }

  /** The text fragments (0x01) of channel-1 TLV 0x02 (reference {@code snac_04_06_ch1}), as stored bytes. */
  private static Optional<byte[]> channelOneText(byte[] messageData) {
    ByteBuf in = Unpooled.wrappedBuffer(messageData);
    ByteArrayOutputStream text = new ByteArrayOutputStream();
    boolean found = false;
    while (in.isReadable()) {
      WireReader.require(in, 4, "ICBM fragment header");
      int id = in.readUnsignedByte();
      in.skipBytes(1);
      int length = in.readUnsignedShort();
      byte[] fragment = WireReader.readBytes(in, length, "ICBM fragment");
      if (id == FRAGMENT_TEXT && fragment.length >= 4) {
        found = true;
        int charset = ((fragment[0] & 0xFF) << 8) | (fragment[1] & 0xFF);
        byte[] body = Arrays.copyOfRange(fragment, 4, fragment.length);
        text.writeBytes(charset == CHARSET_UTF16BE
            ? new String(body, StandardCharsets.UTF_16BE).getBytes(StandardCharsets.UTF_8)
            : body);
      }
    }
    return found ? Optional.of(text.toByteArray()) : Optional.empty();
  }

  /** The TLVs passed on to the recipient: all but the requests addressed to the server. */
  TlvChain relayedTlvs() {
    return new TlvChain(tlvs.tlvs().stream()
        .filter(tlv -> tlv.type() != TLV_SERVER_ACK_REQUEST && tlv.type() != TLV_STORE_IF_OFFLINE)
        .toList());
  }

  /** Leaves the message out. */
  @Override
  public String toString() {
    return "IcbmSendRequest[channel " + channel + " to " + recipient + ", " + tlvs.size() + " TLVs]";
  }
}
