package net.icqtransport.oscar;

import java.util.Arrays;
import java.util.HexFormat;

/**
 * Hex text ⇄ bytes for the golden dumps ({@link Dumps}, {@link MessagingDumps}, the family dumps and the
 * simulator's reference dumps): one transcription rule for all of them.
 */
public final class HexDump {
  private static final HexFormat HEX = HexFormat.of();

  private HexDump() {}

  /** The bytes of a hex transcription; white space (line breaks of a pasted dump) is ignored. */
  public static byte[] hex(String hex) {
    return HEX.parseHex(hex.replaceAll("\\s+", ""));
  }

  /** The FLAP payload of a dumped frame (everything after the 6-byte header). */
  public static byte[] flapPayload(String frameHex) {
    byte[] frame = hex(frameHex);
    return Arrays.copyOfRange(frame, 6, frame.length);
  }

  /** Lower-case hex without separators, as the dumps are written. */
  public static String toHex(byte[] bytes) {
    return HEX.formatHex(bytes);
  }
}
