package org.datolite.transactor.server;

import java.util.UUID;
import java.util.function.Function;
import org.datolite.edn.EdnBinary;
import org.datolite.edn.EdnException;
import org.datolite.storage.codec.ByteReader;
import org.datolite.storage.codec.MalformedInputException;
import org.datolite.transactor.protocol.ProtocolErrorCode;
import org.datolite.transactor.protocol.ProtocolException;
import org.datolite.transactor.remote.PeerProtocol;
import org.datolite.transactor.tx.TxErrorCode;
import org.datolite.transactor.tx.TxException;

/**
 * The server's reading of request bodies (layouts in {@link org.datolite.transactor.remote.PeerProtocol}). Strict, as the
 * protocol's own message reader is: a body too short for its fields, with bytes after them, with
 * a bad varint, or with transaction data that is not UTF-8 is the client's protocol violation,
 * {@link ProtocolErrorCode#MALFORMED_REQUEST} (08P01), whose message names the request, what was
 * wrong and what was expected. The decoder's own exception never escapes: the server would report
 * it as an internal error (XX000).
 *
 * <p>What well-formed transaction data <em>says</em> is the transactor's to judge: EDN that does
 * not parse is {@code MALFORMED_TX_DATA} (42601), as it is in process.
 */
final class PeerRequests {
  /**
   * A TRANSACT request: the client's transaction UUID and its data, as EDN text ({@code edn}) or,
   * under protocol 2, possibly as forms already decoded ({@code forms}, {@code edn} null).
   */
  record Transact(UUID txUuid, String edn, Object forms) {}

  private static final String UUID_BYTES = "a 16-byte transaction UUID";

  private PeerRequests() {}

  /**
   * A TRANSACT in the layout of {@code version}. Binary forms that are well-formed but hold a map
   * key or set element twice fail as EDN text saying so would: {@code MALFORMED_TX_DATA}.
   */
  static Transact transact(byte[] body, int version) {
    if (version < PeerProtocol.BINARY_TRANSACT_VERSION) {
      return read(body, "TRANSACT", UUID_BYTES + " followed by the transaction data as UTF-8 EDN text",
          in -> new Transact(uuid(in), utf8(in), null));
    }
    return read(body, "TRANSACT", UUID_BYTES + ", a format byte (0: EDN text, 1: binary forms) and the"
        + " transaction data", in -> {
          UUID uuid = uuid(in);
          int format = in.readByte();
          if (format == PeerProtocol.TEXT) {
            return new Transact(uuid, utf8(in), null);
          } else if (format != PeerProtocol.FORMS) {
            throw new MalformedInputException("format byte " + format);
          }
          Object forms;
          try {
            forms = EdnBinary.read(in.array(), in.position(), in.remaining());
          } catch (EdnException e) {
            throw new TxException(TxErrorCode.MALFORMED_TX_DATA, e.detail());
          }
          in.skip(in.remaining());
          return new Transact(uuid, null, forms);
        });
  }

  /** The t a SYNC waits for. */
  static long sync(byte[] body) {
    return read(body, "SYNC", "the basis t to wait for as one zigzag varint", ByteReader::readZigZag);
  }

  /** The transaction UUID a TX_STATUS asks about. */
  static UUID txStatus(byte[] body) {
    return read(body, "TX_STATUS", UUID_BYTES, PeerRequests::uuid);
  }

  /** Checks that a STATUS body is empty. */
  static void status(byte[] body) {
    read(body, "STATUS", "an empty body", in -> null);
  }

  private static <T> T read(byte[] body, String request, String expected, Function<ByteReader, T> fields) {
    ByteReader in = new ByteReader(body);
    T value;
    try {
      value = fields.apply(in);
    } catch (MalformedInputException e) {
      throw malformed(request, body, e.getMessage(), expected);
    }
    if (in.hasRemaining()) {
      throw malformed(request, body, in.remaining() + " bytes after its last field", expected);
    }
    return value;
  }

  private static ProtocolException malformed(String request, byte[] body, String problem, String expected) {
    return ProtocolException.malformedRequest("malformed " + request + " request body of " + body.length + " bytes: "
        + problem + "; expected " + expected);
  }

  private static UUID uuid(ByteReader in) {
    return new UUID(in.readLong(), in.readLong());
  }

  /** The rest of the body as strict UTF-8 (a lenient decoder would hand the transactor U+FFFD instead). */
  private static String utf8(ByteReader in) {
    return in.readUtf8(in.remaining());
  }
}
