package org.datolite.transactor.protocol;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;

/**
 * Byte strings for fuzzing the frame decoder and the handshake: plain noise, frames with random
 * kinds and lengths, and valid handshake and session frames with a few mutations (bit flips,
 * byte changes, insertions, deletions, cuts, bad length fields), sometimes several in a row.
 * Every string comes from a {@link Random}, so a seed reproduces it.
 */
final class FuzzInputs {
  private static final MessageKind[] KINDS = MessageKind.values();

  private FuzzInputs() {
  }

  static byte[] next(Random r) {
    int parts = r.nextInt(10) == 0 ? 2 + r.nextInt(2) : 1;
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (int i = 0; i < parts; i++) {
      out.writeBytes(part(r));
    }
    return out.toByteArray();
  }

  private static byte[] part(Random r) {
    return switch (r.nextInt(7)) {
      case 0 -> noise(r, r.nextInt(200));
      case 1 -> randomFrame(r);
      case 2, 3 -> mutate(r, RawConnection.frame(hello(r)));
      case 4 -> concat(RawConnection.frame(hello(r)), mutate(r, RawConnection.frame(new Message.Auth(noise(r, 32)))));
      case 5 -> mutate(r, RawConnection.frame(sessionMessage(r)));
      default -> lengthTrick(r, RawConnection.frame(hello(r)));
    };
  }

  static Message.Hello hello(Random r) {
    int[] versions = new int[1 + r.nextInt(r.nextBoolean() ? 1 : 16)];
    for (int i = 0; i < versions.length; i++) {
      versions[i] = r.nextInt(4) == 0 ? r.nextInt(65536) : 1 + r.nextInt(2);
    }
    long maxFrame = r.nextInt(4) == 0 ? r.nextInt() & 0xFFFFFFFFL : 1 << 20;
    return new Message.Hello(versions, maxFrame, noise(r, 32), name(r));
  }

  private static Message sessionMessage(Random r) {
    return switch (r.nextInt(8)) {
      case 0 -> new Message.Request(r.nextLong(), r.nextInt(65536), noise(r, r.nextInt(64)));
      case 1 -> new Message.Response(r.nextLong(), noise(r, r.nextInt(64)));
      case 2 -> new Message.Failure(r.nextLong(), ProtocolErrorCode.REQUEST_FAILED, r.nextInt(65536), "XX000", name(r));
      case 3 -> new Message.Push(r.nextInt(65536), noise(r, r.nextInt(64)));
      case 4 -> new Message.Ping(r.nextLong());
      case 5 -> new Message.Pong(r.nextLong());
      case 6 -> new Message.Error(ProtocolErrorCode.values()[r.nextInt(ProtocolErrorCode.values().length)], name(r));
      default -> new Message.Welcome(noise(r, 32), r.nextLong(), 1 << 20, noise(r, r.nextInt(64)));
    };
  }

  /** A frame whose length field matches its body (mostly), with any kind byte. */
  private static byte[] randomFrame(Random r) {
    byte[] body = noise(r, r.nextInt(120));
    int kind = r.nextBoolean() ? KINDS[r.nextInt(KINDS.length)].code() : r.nextInt(256);
    int length = body.length + 1 + (r.nextInt(5) == 0 ? r.nextInt(7) - 3 : 0);
    byte[] frame = new byte[5 + body.length];
    frame[0] = (byte) (length >>> 24);
    frame[1] = (byte) (length >>> 16);
    frame[2] = (byte) (length >>> 8);
    frame[3] = (byte) length;
    frame[4] = (byte) kind;
    System.arraycopy(body, 0, frame, 5, body.length);
    return frame;
  }

  /** Rewrites the length field: zero, huge, just over the handshake limit, or off by a little. */
  private static byte[] lengthTrick(Random r, byte[] frame) {
    byte[] f = frame.clone();
    long length = switch (r.nextInt(5)) {
      case 0 -> 0;
      case 1 -> 0xFFFFFFFFL;
      case 2 -> FrameDecoder.HANDSHAKE_LIMIT + 1;
      case 3 -> (f.length - 4) + 1 + r.nextInt(3);
      default -> Math.max(1, (f.length - 4) - 1 - r.nextInt(3));
    };
    f[0] = (byte) (length >>> 24);
    f[1] = (byte) (length >>> 16);
    f[2] = (byte) (length >>> 8);
    f[3] = (byte) length;
    return f;
  }

  private static byte[] mutate(Random r, byte[] input) {
    byte[] b = input.clone();
    int mutations = r.nextInt(4);
    for (int m = 0; m < mutations && b.length > 0; m++) {
      int at = r.nextInt(b.length);
      switch (r.nextInt(6)) {
        case 0 -> b[at] ^= (byte) (1 << r.nextInt(8));
        case 1 -> b[at] = (byte) r.nextInt(256);
        case 2 -> b = Arrays.copyOf(b, at); // cut
        case 3 -> b = concat(Arrays.copyOf(b, at), noise(r, 1 + r.nextInt(8)), Arrays.copyOfRange(b, at, b.length));
        case 4 -> b = concat(Arrays.copyOf(b, at), Arrays.copyOfRange(b, Math.min(b.length, at + 1 + r.nextInt(4)),
            b.length));
        default -> b = concat(b, noise(r, r.nextInt(16)));
      }
    }
    return b;
  }

  private static String name(Random r) {
    int n = 1 + r.nextInt(r.nextInt(8) == 0 ? 255 : 20);
    StringBuilder s = new StringBuilder(n);
    for (int i = 0; i < n; i++) {
      s.append((char) ('a' + r.nextInt(26)));
    }
    String name = s.toString();
    return name.getBytes(StandardCharsets.UTF_8).length <= 255 ? name : name.substring(0, 255);
  }

  static byte[] noise(Random r, int n) {
    byte[] b = new byte[n];
    r.nextBytes(b);
    return b;
  }

  private static byte[] concat(byte[]... parts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] p : parts) {
      out.writeBytes(p);
    }
    return out.toByteArray();
  }
}
