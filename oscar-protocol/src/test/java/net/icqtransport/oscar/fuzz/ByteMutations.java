package net.icqtransport.oscar.fuzz;

import java.util.Arrays;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/**
 * Inputs for the fuzz properties: golden bytes with a few mutations of the kinds that break length-prefixed
 * binary formats (bit flips, "interesting" byte values such as 0x00, 0x7F, 0x80, 0xFF at length fields,
 * truncation, insertion, deletion, duplicated slices), and plain random bytes. Built from jqwik arbitraries so
 * that a failure shrinks to a small mutation list.
 */
public final class ByteMutations {
  private ByteMutations() {}

  /** One edit of a byte array; positions are taken modulo the current length. */
  public record Mutation(Kind kind, int position, int value) {
    enum Kind { FLIP_BIT, SET_BYTE, SET_INTERESTING, TRUNCATE, INSERT, DELETE, DUPLICATE }

    private static final int[] INTERESTING = {0x00, 0x01, 0x7F, 0x80, 0xFE, 0xFF};

    byte[] apply(byte[] in) {
      if (in.length == 0) {
        return kind == Kind.INSERT ? new byte[] {(byte) value} : in;
      }
      int at = Math.floorMod(position, in.length);
      byte[] out;
      switch (kind) {
        case FLIP_BIT -> {
          out = in.clone();
          out[at] ^= (byte) (1 << (value & 7));
        }
        case SET_BYTE -> {
          out = in.clone();
          out[at] = (byte) value;
        }
        case SET_INTERESTING -> {
          out = in.clone();
          out[at] = (byte) INTERESTING[Math.floorMod(value, INTERESTING.length)];
        }
        case TRUNCATE -> out = Arrays.copyOf(in, at);
        case INSERT -> {
          out = new byte[in.length + 1];
          System.arraycopy(in, 0, out, 0, at);
          out[at] = (byte) value;
          System.arraycopy(in, at, out, at + 1, in.length - at);
        }
        case DELETE -> {
          int n = Math.min(1 + Math.floorMod(value, 8), in.length - at);
          out = new byte[in.length - n];
          System.arraycopy(in, 0, out, 0, at);
          System.arraycopy(in, at + n, out, at, in.length - at - n);
        }
        case DUPLICATE -> {
          int n = Math.min(1 + Math.floorMod(value, 16), in.length - at);
          out = new byte[in.length + n];
          System.arraycopy(in, 0, out, 0, at + n);
          System.arraycopy(in, at, out, at + n, in.length - at);
        }
        default -> throw new AssertionError(kind);
      }
      return out;
    }
  }

  public static Arbitrary<Mutation> mutation() {
    return Combinators.combine(
            Arbitraries.of(Mutation.Kind.class),
            Arbitraries.integers().between(0, 1 << 16),
            Arbitraries.integers().between(0, 255))
        .as(Mutation::new);
  }

  /** {@code golden} with one to eight mutations applied in order. */
  public static Arbitrary<byte[]> mutated(byte[] golden) {
    return mutation().list().ofMinSize(1).ofMaxSize(8).map(list -> apply(golden, list));
  }

  /** A mutation of one of {@code goldens}. */
  public static Arbitrary<byte[]> mutatedOneOf(List<byte[]> goldens) {
    return Arbitraries.of(goldens).flatMap(ByteMutations::mutated);
  }

  /** Up to {@code maxSize} random bytes. */
  public static Arbitrary<byte[]> random(int maxSize) {
    return Arbitraries.bytes().array(byte[].class).ofMaxSize(maxSize);
  }

  /** Mostly mutated goldens, sometimes random bytes. */
  public static Arbitrary<byte[]> fuzzed(List<byte[]> goldens, int maxRandom) {
    return Arbitraries.frequencyOf(
        net.jqwik.api.Tuple.of(4, mutatedOneOf(goldens)),
        net.jqwik.api.Tuple.of(1, random(maxRandom)));
  }

  static byte[] apply(byte[] golden, List<Mutation> mutations) {
    byte[] out = golden;
    for (Mutation m : mutations) {
      out = m.apply(out);
    }
    return out;
  }
}
