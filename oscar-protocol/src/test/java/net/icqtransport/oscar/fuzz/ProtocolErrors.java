package net.icqtransport.oscar.fuzz;

import java.util.HexFormat;
import net.icqtransport.oscar.OscarProtocolException;

/**
 * The fuzzing oracle: a parser given any bytes either returns or throws {@link OscarProtocolException}, the one
 * exception the session layer turns into "skip this SNAC" or "close this connection" (OscarProtocolException's
 * contract). Anything else (IndexOutOfBounds, NullPointer, IllegalArgument from a record constructor, Netty's
 * buffer exceptions) escapes that handling and is a bug.
 */
final class ProtocolErrors {
  private ProtocolErrors() {}

  /** A parse that returns a value or fails with {@link OscarProtocolException} only. */
  @FunctionalInterface
  interface Parse {
    Object run() throws Exception;
  }

  static void onlyProtocolErrors(byte[] input, Parse parse) {
    try {
      parse.run();
    } catch (OscarProtocolException expected) {
      // the documented outcome for bad input
    } catch (Throwable other) {
      throw new AssertionError("input " + HexFormat.of().formatHex(input) + " raised " + other, other);
    }
  }
}
