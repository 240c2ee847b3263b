package net.icqtransport.oscar.server;

import io.netty.buffer.ByteBuf;
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
