package org.datolite.transactor.remote;

import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletionException;
import org.datolite.datom.Datom;
import org.datolite.edn.Edn;
import org.datolite.edn.EdnBinary;
import org.datolite.error.SqlState;
import org.datolite.schema.Bootstrap;
import org.datolite.storage.codec.ByteReader;
import org.datolite.storage.codec.ByteWriter;
import org.datolite.storage.codec.MalformedInputException;
import org.datolite.storage.log.CommittedTx;
import org.datolite.storage.log.LogBlock;
import org.datolite.transactor.TransactorException;
import org.datolite.transactor.TxReport;
import org.datolite.transactor.protocol.ProtocolErrorCode;
import org.datolite.transactor.protocol.ProtocolException;
import org.datolite.transactor.tx.TxErrorCode;
import org.datolite.transactor.tx.TxException;

/**
 * What peers and the transactor say to each other over the wire protocol: request types, push
 * types, and the bodies of each (varints and zigzag as in the storage format).
 *
 * <pre>
 * request TRANSACT   protocol 1: 16 bytes tx uuid, then the transaction data as UTF-8 EDN text
 *                    protocol 2: 16 bytes tx uuid, a format byte, then the transaction data:
 *                    0 as UTF-8 EDN text, 1 as binary forms ({@link EdnBinary})
 *         response   protocol 1: a log block of the one transaction (t, tx, datoms), then
 *                    varint n, n × { string tempid, zigzag entity id }
 *                    protocol 2: zigzag t, zigzag tx, zigzag txInstant epoch second, varint its
 *                    nanoseconds, then the tempids as in protocol 1; no datoms (the NOVELTY
 *                    push carries them to every peer)
 * request SYNC       zigzag t          response: zigzag basis t, once it is at least t
 * request TX_STATUS  16 bytes uuid     response: zigzag t of the transaction, or -1
 * request STATUS     (empty)           response: zigzag basis t, zigzag indexed basis t
 * push    NOVELTY    a log block: the transactions just committed, in order
 * push    INDEXED    index roots: the persisted trees now include everything up to their basis
 * </pre>
 *
 * The server reads request bodies strictly ({@code server.PeerRequests}): a body that does not match its
 * layout fails with {@code MALFORMED_REQUEST} (SQLState 08P01) and the session stays open.
 *
 * <p>A rejected transaction comes back as a FAILURE whose application code is the
 * {@link TxErrorCode} ordinal (or 1000 plus the {@link TransactorException.Code} ordinal) and
 * whose SQLState is the error's.
 */
public final class PeerProtocol {
  public static final int TRANSACT = 1;
  public static final int SYNC = 2;
  public static final int TX_STATUS = 3;
  public static final int STATUS = 4;

  public static final int NOVELTY = 1;
  public static final int INDEXED = 2;

  private static final int TRANSACTOR_CODES = 1000;

  private PeerProtocol() {}

  /** The first protocol version whose TRANSACT takes binary forms and answers without the datoms. */
  public static final int BINARY_TRANSACT_VERSION = 2;

  /**
   * The first protocol version whose peers read log blocks of format 2 (in NOVELTY pushes and in
   * storage): the transactor, which writes them, refuses older peers at the handshake.
   */
  public static final int LOG_FORMAT_2_VERSION = 3;

  /** Why the transactor refuses peers below {@link #LOG_FORMAT_2_VERSION}, as its refusal says. */
  public static final String LOG_FORMAT_2_REASON = "this transactor writes log blocks of format 2, which older peers"
      + " cannot read";

  /** The format byte of a protocol 2 TRANSACT: EDN text, or binary forms. */
  public static final int TEXT = 0;
  public static final int FORMS = 1;

  /**
   * A committed transaction as a peer learns it.
   *
   * @param txData its datoms under protocol 1; null under protocol 2, whose answer leaves them
   *     out (the peer has them from the NOVELTY push, or reads them from the log)
   */
  public record TxOutcome(long t, long tx, UUID txUuid, Instant instant, List<Datom> txData, Map<String, Long> tempids) {}

  /**
   * The body of a TRANSACT for a connection speaking {@code version}.
   *
   * @param data EDN text (a {@code String}) or forms ({@link org.datolite.edn.Edn#read}'s objects)
   * @throws IllegalArgumentException if forms have no EDN form (nothing is sent)
   */
  public static byte[] transactRequest(int version, UUID txUuid, Object data) {
    int[] last = LAST_REQUEST_BYTES.get();
    ByteWriter out = new ByteWriter(data instanceof String s ? s.length() + 32 : last[0] + (last[0] >> 3));
    writeTransact(out, version, txUuid, data);
    last[0] = Math.min(out.size(), MAX_REQUEST_HINT);
    return out.toByteArray();
  }

  /**
   * The size of the calling thread's last request, which the next one starts with room for: a
   * bulk load sends requests of megabytes, and growing a small buffer to one copied it ten times.
   * A hint, not a kept buffer, so that an application's many threads hold no memory for it.
   */
  private static final ThreadLocal<int[]> LAST_REQUEST_BYTES = ThreadLocal.withInitial(() -> new int[] {4096});
  /** The largest hint: one huge transaction does not make the next small one start huge. */
  private static final int MAX_REQUEST_HINT = 8 << 20;

  private static void writeTransact(ByteWriter out, int version, UUID txUuid, Object data) {
    out.writeLong(txUuid.getMostSignificantBits()).writeLong(txUuid.getLeastSignificantBits());
    if (version < BINARY_TRANSACT_VERSION) {
      String edn = data instanceof String s ? s : Edn.write(data);
      out.writeBytes(edn.getBytes(StandardCharsets.UTF_8));
    } else if (data instanceof String edn) {
      out.writeByte(TEXT).writeBytes(edn.getBytes(StandardCharsets.UTF_8));
    } else {
      out.writeByte(FORMS);
      EdnBinary.write(out, data);
    }
  }

  /** The answer to a TRANSACT on a session speaking {@code version}. */
  public static byte[] transactResponse(int version, TxReport report) {
    ByteWriter out;
    if (version < BINARY_TRANSACT_VERSION) {
      byte[] block = LogBlock.encode(List.of(new CommittedTx(report.t(), report.tx(), report.txData())));
      out = new ByteWriter(block.length + 64);
      out.writeVarInt(block.length).writeBytes(block);
    } else {
      out = new ByteWriter(64);
      out.writeZigZag(report.t()).writeZigZag(report.tx());
      out.writeZigZag(report.instant().getEpochSecond()).writeVarInt(report.instant().getNano());
    }
    out.writeVarInt(report.tempids().size());
    for (Map.Entry<String, Long> e : report.tempids().entrySet()) {
      out.writeString(e.getKey());
      out.writeZigZag(e.getValue());
    }
    return out.toByteArray();
  }

  static TxOutcome transactOutcome(int version, byte[] body, UUID txUuid) {
    try {
      ByteReader in = new ByteReader(body);
      long t;
      long tx;
      Instant instant = null;
      List<Datom> datoms = null;
      if (version < BINARY_TRANSACT_VERSION) {
        CommittedTx committed = LogBlock.decode(in.readBytes(in.readLength()), "TRANSACT response").get(0);
        t = committed.t();
        tx = committed.tx();
        datoms = committed.datoms();
        for (Datom d : datoms) {
          if (d.e() == tx && d.a() == Bootstrap.TX_INSTANT) {
            instant = (Instant) d.v();
          }
        }
      } else {
        t = in.readZigZag();
        tx = in.readZigZag();
        long seconds = in.readZigZag();
        int nanos = in.readVarInt();
        if (nanos > 999_999_999) {
          throw new MalformedInputException("transaction instant with " + nanos + " nanoseconds");
        }
        instant = Instant.ofEpochSecond(seconds, nanos);
      }
      Map<String, Long> tempids = new LinkedHashMap<>();
      int n = in.readVarInt();
      for (int i = 0; i < n; i++) {
        tempids.put(in.readString(), in.readZigZag());
      }
      if (in.hasRemaining()) {
        throw new MalformedInputException(in.remaining() + " bytes after the tempids");
      }
      return new TxOutcome(t, tx, txUuid, instant, datoms, tempids);
    } catch (DateTimeException e) {
      throw new ProtocolException(ProtocolErrorCode.MALFORMED_FRAME,
          "malformed TRANSACT response: a transaction instant outside java.time.Instant's range");
    } catch (MalformedInputException e) {
      throw new ProtocolException(ProtocolErrorCode.MALFORMED_FRAME,
          "malformed TRANSACT response: " + e.getMessage());
    }
  }

  public static byte[] longBody(long v) {
    return new ByteWriter(10).writeZigZag(v).toByteArray();
  }

  static long readLong(byte[] body) {
    try {
      return new ByteReader(body).readZigZag();
    } catch (MalformedInputException e) {
      throw new ProtocolException(ProtocolErrorCode.MALFORMED_FRAME,
          "malformed number in a response: " + e.getMessage());
    }
  }

  static byte[] uuidBody(UUID uuid) {
    return new ByteWriter(16).writeLong(uuid.getMostSignificantBits()).writeLong(uuid.getLeastSignificantBits())
        .toByteArray();
  }

  /** The FAILURE a server sends for an exception of the transactor. */
  public static ProtocolException failure(Throwable e) {
    Throwable cause = e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
    if (cause instanceof TxException tx) {
      return ProtocolException.requestFailed(tx.code().number(), tx.code().state(), cause.getMessage());
    }
    if (cause instanceof TransactorException t) {
      return ProtocolException.requestFailed(TRANSACTOR_CODES + t.code().number(), t.code().state(),
          cause.getMessage());
    }
    if (cause instanceof ProtocolException p) {
      return p;
    }
    // Not an error of the transaction: a fault of the server, which logs it with the cause's stack trace.
    return ProtocolException.requestFailed(TRANSACTOR_CODES + 999, SqlState.INTERNAL_ERROR, String.valueOf(cause), cause);
  }

  /** The exception a client raises for a FAILURE, as the transactor raised it. */
  static RuntimeException fromFailure(ProtocolException p) {
    if (p.code() != ProtocolErrorCode.REQUEST_FAILED) {
      return p;
    }
    int code = p.applicationCode();
    String message = stripCode(p.reason());
    TxErrorCode tx = TxErrorCode.ofNumber(code);
    if (tx != null) {
      return new TxException(tx, message);
    }
    TransactorException.Code c = TransactorException.Code.ofNumber(code - TRANSACTOR_CODES);
    if (c != null) {
      return new TransactorException(c, message, outcomeKnown(c), p);
    }
    return p;
  }

  /**
   * Whether a failure with this code means the transaction was certainly not committed, as the
   * transactor and the client decide it where they raise the code.
   */
  static boolean outcomeKnown(TransactorException.Code code) {
    return switch (code) {
      case CLOSED, OVERLOADED, DEPOSED, UNAVAILABLE -> true;
      case STORAGE_FAILED, TIMEOUT, UNKNOWN_OUTCOME -> false;
    };
  }

  /** Messages of our exceptions start with their code ("UNIQUE_CONFLICT: …"); drop it once. */
  private static String stripCode(String message) {
    int colon = message == null ? -1 : message.indexOf(": ");
    return colon > 0 && message.substring(0, colon).matches("[A-Z_]+") ? message.substring(colon + 2) : message;
  }
}
