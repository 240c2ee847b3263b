package net.icqtransport.oscar.oft;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Instant;

/**
 * The OFT2 sendfile exchange for one file over an established connection (direct, or through the rendezvous
 * proxy after READY; libfaim ft.c's description, libpurple oft.c): the sender writes PROMPT; the receiver answers
 * ACKNOWLEDGE with the ICBM cookie; the sender writes the raw bytes; the receiver answers DONE with the count and
 * checksum it got. Blocking: callers run it on a transfer thread with socket timeouts set. Resume (0x0205-0x0207)
 * is not offered.
 */
public final class OftSendfile {
  private static final int CHUNK = 64 * 1024;

  private OftSendfile() {}

  /**
   * The sender's side.
   *
   * @throws OftException when the peer answers with the wrong header, cookie, count or checksum
   */
  public static void send(InputStream in, OutputStream out, long cookie, String fileName, byte[] content)
      throws IOException {
    long checksum = OftChecksum.of(content);
    OftHeader prompt = OftHeader.prompt(fileName, content.length, checksum, Instant.now().getEpochSecond());
    out.write(prompt.toBytes());
    out.flush();
    OftHeader ack = OftHeader.read(in);
    if (ack.type() != OftType.ACKNOWLEDGE) {
      throw new OftException("expected an OFT acknowledge, got " + ack.type());
    }
    if (ack.cookie() != cookie) {
      throw new OftException("OFT acknowledge with a foreign cookie");
    }
    for (int offset = 0; offset < content.length; offset += CHUNK) {
      out.write(content, offset, Math.min(CHUNK, content.length - offset));
    }
    out.flush();
    OftHeader done = OftHeader.read(in);
    if (done.type() != OftType.DONE) {
      throw new OftException("expected OFT done, got " + done.type());
    }
    if (done.bytesReceived() != content.length || done.receivedChecksum() != checksum) {
      throw new OftException("the receiver got " + done.bytesReceived() + " of " + content.length
          + " bytes or another checksum");
    }
  }

  /**
   * The receiver's side: returns the file once it arrived whole with the announced checksum.
   *
   * @throws OftFileLimitException when the prompt announces more than {@code maxBytes}; nothing is read then
   * @throws OftException for a wrong header or a checksum mismatch
   */
  public static Received receive(InputStream in, OutputStream out, long cookie, long maxBytes) throws IOException {
    OftHeader prompt = OftHeader.read(in);
    if (prompt.type() != OftType.PROMPT) {
      throw new OftException("expected an OFT prompt, got " + prompt.type());
    }
    if (prompt.size() > maxBytes) {
      throw new OftFileLimitException(prompt.size() + " bytes, more than the limit of " + maxBytes);
    }
    out.write(prompt.acknowledge(cookie).toBytes());
    out.flush();
    byte[] content = new byte[(int) prompt.size()];
    OftChecksum checksum = new OftChecksum();
    int read = 0;
    while (read < content.length) {
      int n = in.read(content, read, Math.min(CHUNK, content.length - read));
      if (n < 0) {
        throw new EOFException("the sender closed after " + read + " of " + content.length + " bytes");
      }
      checksum.update(content, read, n);
      read += n;
    }
    out.write(prompt.acknowledge(cookie).done(read, checksum.value()).toBytes());
    out.flush();
    if (checksum.value() != prompt.checksum()) {
      throw new OftException("OFT checksum mismatch: announced " + Long.toHexString(prompt.checksum())
          + ", got " + Long.toHexString(checksum.value()));
    }
    return new Received(prompt.fileName(), content);
  }

  /** A received file: the name from the prompt and the bytes. */
  public record Received(String fileName, byte[] content) {}
}
