package org.datolite;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.datolite.edn.Edn;
import java.util.concurrent.CompletableFuture;

/**
 * What connections share per database in a JVM: the indexes and caches, the way writes reach the
 * transactor, and the stream of commits. {@link EmbeddedPeer} runs the transactor in process;
 * {@link RemotePeer} follows a standalone one.
 */
interface Peer {
  /** The registry key (storage address and database). */
  String key();

  /** The most recent database value the peer has. */
  Database db();

  /**
   * Submits tx-data under a transaction UUID (null: a random one); completes once the peer's own
   * value includes the transaction.
   */
  CompletableFuture<TxReport> transact(String edn, UUID txUuid);

  /**
   * As {@link #transact(String, UUID)}, with the data as objects ({@link Edn#read}'s forms); an
   * embedded transactor takes them as they are, a standalone one gets their EDN text.
   */
  default CompletableFuture<TxReport> transact(List<?> txData, UUID txUuid) {
    return transact(Edn.write(txData), txUuid);
  }

  /** The basis t of the committed transaction sent with {@code txUuid}, or null if none committed. */
  Long committedT(UUID txUuid);

  /** A value with basis at least {@code t}, waiting up to {@code timeout}. */
  Database sync(long t, Duration timeout);

  /** Delivers every later commit (in order) to the connection until it detaches. */
  void attach(PeerConnection c);

  void detach(PeerConnection c);

  /**
   * Checks that a connection about to share this peer presents the credentials it was opened
   * with (a peer of a standalone transactor: its shared secret), comparing in constant time.
   *
   * @param secret the new connection's secret, or null where the URL takes none
   * @throws DatoliteException 28000 if they differ
   */
  void admit(byte[] secret);

  /** Counts a connection in (under the registry's lock). */
  void retain();

  /** Counts a connection out (under the registry's lock); true when it was the last. */
  boolean release();

  /** Reads from storage (the database's root), failing with 08006 if storage does not answer. */
  void checkStorage();

  void close();
}
