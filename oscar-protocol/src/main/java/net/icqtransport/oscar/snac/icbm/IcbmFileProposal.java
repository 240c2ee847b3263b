package net.icqtransport.oscar.snac.icbm;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import net.icqtransport.oscar.snac.location.Capability;
import net.icqtransport.oscar.tlv.Tlv;
import net.icqtransport.oscar.tlv.TlvChain;

/**
 * The TLVs of a channel-2 rendezvous with the send-file capability (iserverd snac_04_06_ch2; libpurple
 * family_icbm.c, peer.c): 0x0A request number (1 first, 2 and 3 for redirects), 0x0F empty, 0x02 rendezvous
 * (proxy or sender) IPv4, 0x16 that address XOR 0xFFFFFFFF, 0x03 the sender's own IPv4, 0x05 port (with a proxy:
 * the proxy's pin), 0x17 port XOR 0xFFFF, 0x10 empty when the connection goes through the rendezvous proxy,
 * 0x2711 file info (u16 1 = one file, u16 file count, u32 total size, NUL-terminated name), 0x2712 the name's
 * charset ("utf-8").
 */
public record IcbmFileProposal(int requestNumber, Inet4Address address, int port, boolean viaProxy, int fileCount,
    long totalSize, String fileName) {
  public static final int TLV_REQUEST_NUMBER = 0x0A;
  public static final int TLV_RENDEZVOUS_IP = 0x02;
  public static final int TLV_CLIENT_IP = 0x03;
  public static final int TLV_VERIFIED_IP = 0x04;
  public static final int TLV_PORT = 0x05;
  public static final int TLV_USE_PROXY = 0x10;
  public static final int TLV_IP_CHECK = 0x16;
  public static final int TLV_PORT_CHECK = 0x17;
  public static final int TLV_FILE_INFO = 0x2711;
  public static final int TLV_FILE_NAME_CHARSET = 0x2712;
  /** TLV 0x0B of a cancel: the reason (1: the user declined). */
  public static final int TLV_CANCEL_REASON = 0x0B;

  public IcbmFileProposal {
    Objects.requireNonNull(fileName, "fileName");
    if (port < 0 || port > 0xFFFF) {
      throw new IllegalArgumentException("port out of range: " + port);
    }
  }

  /** The rendezvous block proposing this file under {@code cookie}. */
  public IcbmRendezvous toRendezvous(long cookie) {
    List<Tlv> tlvs = new ArrayList<>();
    tlvs.add(Tlv.ofU16(TLV_REQUEST_NUMBER, requestNumber));
    tlvs.add(Tlv.empty(0x0F));
    if (address != null) {
      byte[] ip = address.getAddress();
      tlvs.add(Tlv.ofBytes(TLV_RENDEZVOUS_IP, ip));
      tlvs.add(Tlv.ofBytes(TLV_IP_CHECK, xor(ip)));
      if (!viaProxy) {
        tlvs.add(Tlv.ofBytes(TLV_CLIENT_IP, ip));
      }
    }
    tlvs.add(Tlv.ofU16(TLV_PORT, port));
    tlvs.add(Tlv.ofU16(TLV_PORT_CHECK, port ^ 0xFFFF));
    if (viaProxy) {
      tlvs.add(Tlv.empty(TLV_USE_PROXY));
    }
    if (requestNumber == 1) {
      byte[] name = fileName.getBytes(StandardCharsets.UTF_8);
      ByteBuffer info = ByteBuffer.allocate(8 + name.length + 1);
      info.putShort((short) (fileCount > 1 ? 2 : 1)).putShort((short) fileCount).putInt((int) totalSize).put(name);
      tlvs.add(Tlv.ofBytes(TLV_FILE_INFO, info.array()));
      tlvs.add(Tlv.ofAscii(TLV_FILE_NAME_CHARSET, "utf-8"));
    }
    return new IcbmRendezvous(IcbmRendezvous.PROPOSE, cookie, Capability.SEND_FILE.guid(), new TlvChain(tlvs));
  }

  /** A cancel (type 1) of the proposal with {@code cookie}, reason 1 ("declined"). */
  public static IcbmRendezvous cancel(long cookie) {
    return new IcbmRendezvous(IcbmRendezvous.CANCEL, cookie, Capability.SEND_FILE.guid(),
        TlvChain.of(Tlv.ofU16(TLV_CANCEL_REASON, 1)));
  }

  /** An accept (type 2) of the proposal with {@code cookie}. */
  public static IcbmRendezvous accept(long cookie) {
    return new IcbmRendezvous(IcbmRendezvous.ACCEPT, cookie, Capability.SEND_FILE.guid(), TlvChain.empty());
  }

  /**
   * Reads a send-file proposal; empty for other capabilities or types, or without a usable address and port.
   *
   * @param legacy how to read a name without TLV 0x2712 that is not valid UTF-8
   */
  public static Optional<IcbmFileProposal> from(IcbmRendezvous rendezvous, Charset legacy) {
    if (rendezvous.type() != IcbmRendezvous.PROPOSE || !Capability.SEND_FILE.matches(rendezvous.capability())) {
      return Optional.empty();
    }
    TlvChain tlvs = rendezvous.tlvs();
    Optional<Inet4Address> address = ipv4(tlvs, TLV_RENDEZVOUS_IP).or(() -> ipv4(tlvs, TLV_CLIENT_IP))
        .or(() -> ipv4(tlvs, TLV_VERIFIED_IP));
    if (address.isEmpty() || tlvs.u16(TLV_PORT).isEmpty()) {
      return Optional.empty();
    }
    int fileCount = 1;
    long totalSize = 0;
    String name = "";
    Optional<byte[]> info = tlvs.bytes(TLV_FILE_INFO);
    if (info.isPresent() && info.get().length >= 8) {
      ByteBuffer in = ByteBuffer.wrap(info.get());
      in.getShort();
      fileCount = in.getShort() & 0xFFFF;
      totalSize = in.getInt() & 0xFFFFFFFFL;
      byte[] rest = new byte[in.remaining()];
      in.get(rest);
      int end = 0;
      while (end < rest.length && rest[end] != 0) {
        end++;
      }
      Charset charset = tlvs.ascii(TLV_FILE_NAME_CHARSET).flatMap(IcbmFileProposal::charset)
          .orElse(StandardCharsets.UTF_8);
      byte[] nameBytes = java.util.Arrays.copyOf(rest, end);
      name = charset.equals(StandardCharsets.UTF_8) && !validUtf8(nameBytes) ? new String(nameBytes, legacy)
          : new String(nameBytes, charset);
    }
    return Optional.of(new IcbmFileProposal(tlvs.u16(TLV_REQUEST_NUMBER).orElse(1), address.get(),
        tlvs.u16(TLV_PORT).getAsInt(), tlvs.contains(TLV_USE_PROXY), fileCount, totalSize, name));
  }

  private static Optional<Inet4Address> ipv4(TlvChain tlvs, int type) {
    return tlvs.bytes(type).filter(b -> b.length == 4).flatMap(b -> {
      try {
        Inet4Address address = (Inet4Address) InetAddress.getByAddress(b);
        return address.isAnyLocalAddress() ? Optional.empty() : Optional.of(address);
      } catch (UnknownHostException e) {
        return Optional.empty();
      }
    });
  }

  private static Optional<Charset> charset(String name) {
    try {
      return Optional.of(Charset.forName(name.trim()));
    } catch (RuntimeException e) {
      return Optional.empty();
    }
  }

  private static boolean validUtf8(byte[] bytes) {
    try {
      StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes));
      return true;
    } catch (java.nio.charset.CharacterCodingException e) {
      return false;
    }
  }

  private static byte[] xor(byte[] ip) {
    byte[] out = new byte[ip.length];
    for (int i = 0; i < ip.length; i++) {
      out[i] = (byte) ~ip[i];
    }
    return out;
  }
}
