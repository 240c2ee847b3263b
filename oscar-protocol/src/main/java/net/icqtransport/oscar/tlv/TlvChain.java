package net.icqtransport.oscar.tlv;

import io.netty.buffer.ByteBuf;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import net.icqtransport.oscar.OscarProtocolException;

/**
 * An ordered list of TLVs. On the wire either a chain (TLVs up to the end of the data) or a block (u16 count,
 * then that many TLVs); a type may repeat, lookups return the first.
 */
public final class TlvChain {
  private static final TlvChain EMPTY = new TlvChain(List.of());

  private final List<Tlv> tlvs;

  public TlvChain(List<Tlv> tlvs) {
    this.tlvs = List.copyOf(tlvs);
  }

  public static TlvChain of(Tlv... tlvs) {
    return new TlvChain(List.of(tlvs));
  }

  public static TlvChain empty() {
    return EMPTY;
  }

  public List<Tlv> tlvs() {
    return tlvs;
  }

  public int size() {
    return tlvs.size();
  }

  public Optional<Tlv> find(int type) {
    for (Tlv tlv : tlvs) {
      if (tlv.type() == type) {
        return Optional.of(tlv);
      }
    }
    return Optional.empty();
  }

  public boolean contains(int type) {
    return find(type).isPresent();
  }

  public Optional<String> ascii(int type) {
    return find(type).map(Tlv::asAscii);
  }

  public Optional<byte[]> bytes(int type) {
    return find(type).map(Tlv::value);
  }

  public OptionalInt u16(int type) {
    Optional<Tlv> tlv = find(type);
    return tlv.isPresent() ? OptionalInt.of(tlv.get().asU16()) : OptionalInt.empty();
  }

  /** A 1, 2 or 4 byte unsigned number. */
  public OptionalLong unsigned(int type) {
    Optional<Tlv> tlv = find(type);
    return tlv.isPresent() ? OptionalLong.of(tlv.get().asUnsigned()) : OptionalLong.empty();
  }

  /** Reads TLVs until the buffer is empty. */
  public static TlvChain readChain(ByteBuf in) {
    List<Tlv> result = new ArrayList<>();
    while (in.isReadable()) {
      result.add(Tlv.read(in));
    }
    return new TlvChain(result);
  }

  /** Reads a u16 count and that many TLVs. */
  public static TlvChain readBlock(ByteBuf in) {
    if (in.readableBytes() < 2) {
      throw new OscarProtocolException("truncated TLV block count");
    }
    int count = in.readUnsignedShort();
    List<Tlv> result = new ArrayList<>(Math.min(count, 64));
    for (int i = 0; i < count; i++) {
      result.add(Tlv.read(in));
    }
    return new TlvChain(result);
  }

  /** Reads a u16 byte length and the TLVs within it (as in SSI items). */
  public static TlvChain readLengthPrefixed(ByteBuf in) {
    if (in.readableBytes() < 2) {
      throw new OscarProtocolException("truncated TLV chain length");
    }
    int length = in.readUnsignedShort();
    if (in.readableBytes() < length) {
      throw new OscarProtocolException("truncated TLV chain: length " + length + ", " + in.readableBytes() + " left");
    }
    return readChain(in.readSlice(length));
  }

  public void writeChain(ByteBuf out) {
    for (Tlv tlv : tlvs) {
      tlv.writeTo(out);
    }
  }

  public void writeBlock(ByteBuf out) {
    out.writeShort(tlvs.size());
    writeChain(out);
  }

  public void writeLengthPrefixed(ByteBuf out) {
    int lengthIndex = out.writerIndex();
    out.writeShort(0);
    writeChain(out);
    out.setShort(lengthIndex, out.writerIndex() - lengthIndex - 2);
  }

  public TlvChain with(Tlv tlv) {
    List<Tlv> copy = new ArrayList<>(tlvs);
    copy.add(Objects.requireNonNull(tlv));
    return new TlvChain(copy);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof TlvChain other && tlvs.equals(other.tlvs);
  }

  @Override
  public int hashCode() {
    return tlvs.hashCode();
  }

  @Override
  public String toString() {
    return "TlvChain" + tlvs;
  }
}
