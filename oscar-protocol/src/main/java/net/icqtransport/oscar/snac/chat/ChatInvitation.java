package net.icqtransport.oscar.snac.chat;

import java.nio.charset.Charset;
import java.util.HexFormat;
import java.util.Objects;
import java.util.Optional;
import net.icqtransport.oscar.snac.icbm.IcbmRendezvous;
import net.icqtransport.oscar.tlv.Tlv;
import net.icqtransport.oscar.tlv.TlvChain;

/**
 * A chat invitation: the rendezvous block (TLV 0x0005) of a channel-2 ICBM with the chat capability
 * {748F2420-6287-11D1-8222-444553540000} (iserverd {@code capabilities}, {@code snac_04_06_ch2}). Its TLVs: 0x000A
 * sequence number 1, 0x000C the invitation text, 0x000D its charset, 0x000E its language, 0x2711 the room's
 * {@link ChatRoomRef}. No empty TLV 0x000F: it would ask the server to refuse the invitation to a client that did
 * not announce the chat capability.
 */
public record ChatInvitation(ChatRoomRef room, ChatMessageText text) {
  /** {748F2420-6287-11D1-8222-444553540000}: the client takes chat invitations. */
  private static final byte[] CAPABILITY = HexFormat.of().parseHex("748F2420628711D18222444553540000");
  public static final int TLV_SEQUENCE = 0x000A;
  public static final int TLV_TEXT = 0x000C;
  public static final int TLV_CHARSET = 0x000D;
  public static final int TLV_LANGUAGE = 0x000E;

  public ChatInvitation {
    Objects.requireNonNull(room, "room");
    Objects.requireNonNull(text, "text");
  }

  /** The chat capability GUID. */
  public static byte[] capability() {
    return CAPABILITY.clone();
  }

  public static boolean isChat(IcbmRendezvous rendezvous) {
    return java.util.Arrays.equals(CAPABILITY, rendezvous.capability());
  }

  /** The invitation of a chat proposal; empty for other rendezvous, and for a proposal without room (0x2711). */
  public static Optional<ChatInvitation> from(IcbmRendezvous rendezvous) {
    if (rendezvous.type() != IcbmRendezvous.PROPOSE || !isChat(rendezvous)) {
      return Optional.empty();
    }
    TlvChain tlvs = rendezvous.tlvs();
    return tlvs.bytes(IcbmRendezvous.TLV_SERVER_RELAY).map(ChatRoomRef::decode).map(room -> new ChatInvitation(room,
        new ChatMessageText(tlvs.ascii(TLV_CHARSET).orElse(null), tlvs.ascii(TLV_LANGUAGE).orElse(null),
            tlvs.bytes(TLV_TEXT).orElse(new byte[0]))));
  }

  /** The invitation text, decoded by its charset (see {@link ChatMessageText#decode(Charset)}). */
  public String decodeText(Charset legacyCodepage) {
    return text.decode(legacyCodepage);
  }

  /** The proposal (type 0) to send with ICBM cookie {@code cookie}. */
  public IcbmRendezvous toRendezvous(long cookie) {
    TlvChain tlvs = TlvChain.of(Tlv.ofU16(TLV_SEQUENCE, 1), Tlv.ofBytes(TLV_TEXT, text.text()));
    if (text.charset() != null) {
      tlvs = tlvs.with(Tlv.ofAscii(TLV_CHARSET, text.charset()));
    }
    if (text.language() != null) {
      tlvs = tlvs.with(Tlv.ofAscii(TLV_LANGUAGE, text.language()));
    }
    return new IcbmRendezvous(IcbmRendezvous.PROPOSE, cookie, CAPABILITY,
        tlvs.with(Tlv.ofBytes(IcbmRendezvous.TLV_SERVER_RELAY, room.toBytes())));
  }
}
