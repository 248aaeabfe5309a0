package org.datolite;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import org.datolite.storage.StorageException;
import org.datolite.storage.kv.KeyValueStore;
import org.datolite.storage.kv.Stores;
import org.datolite.transactor.TransactorConfig;

/**
 * Opens connections to Datolite databases. URLs (the JDBC driver's, with or without its
 * {@code jdbc:datolite:} prefix):
 *
 * <ul>
 *   <li>{@code mem:NAME}: an in-memory database, shared by every connection in this JVM that
 *       names it; it lives as long as the JVM (reconnecting finds it again);
 *   <li>{@code file:PATH}: a database in a directory (property {@code db} names the database
 *       within it, default {@code datolite});
 *   <li>{@code postgresql://HOST:PORT/PGDB?db=NAME&…}: a peer of a standalone transactor (not yet
 *       available: the connect fails with SQLState 0A000).
 * </ul>
 * Embedded databases ({@code mem:}, {@code file:}) run their transactor in process. Connections
 * to the same database share one peer; the properties of the first connection size it.
 */
public final class Datolite {
  /** The JDBC URL prefix, accepted and ignored here. */
  public static final String JDBC_PREFIX = "jdbc:datolite:";

  private static final Map<String, Peer> PEERS = new HashMap<>();

  private Datolite() {}

  /**
   * Connects to the database at {@code url} with the given {@link ConnectionProperty properties}
   * (null: none).
   *
   * @throws DatoliteException for a malformed URL (08001), an unknown property (42704) or a bad
   *     value (22023), or a store that cannot be opened (08001)
   */
  public static DatoliteConnection connect(String url, Properties props) {
    Properties p = props == null ? new Properties() : props;
    ConnectionProperty.checkKnown(p);
    if (url == null) {
      throw new DatoliteException("08001", "no URL; expected mem:NAME, file:PATH or postgresql://HOST:PORT/PGDB?db=NAME");
    }
    String address = url.startsWith(JDBC_PREFIX) ? url.substring(JDBC_PREFIX.length()) : url;
    long cacheBytes = ConnectionProperty.SEGMENT_CACHE_MB.getLong(p, 1, 1 << 20) << 20;
    Duration timeout = Duration.ofMillis(ConnectionProperty.TRANSACT_TIMEOUT_MS.getLong(p, 1, 3_600_000));
    String database;
    if (address.startsWith("mem:")) {
      database = address.substring("mem:".length());
    } else if (address.startsWith("file:")) {
      database = ConnectionProperty.DB.get(p);
    } else if (address.startsWith("postgresql:")) {
      throw new DatoliteException("0A000", "connecting a peer to a standalone transactor (" + url
          + ") is not available yet; use mem:NAME or file:PATH");
    } else {
      throw new DatoliteException("08001", "cannot connect to '" + url
          + "'; expected mem:NAME, file:PATH or postgresql://HOST:PORT/PGDB?db=NAME, optionally after "
          + JDBC_PREFIX);
    }
    TransactorConfig config;
    try {
      config = TransactorConfig.defaults(database);
    } catch (IllegalArgumentException e) {
      throw new DatoliteException("08001", "cannot connect to '" + url + "': " + e.getMessage(), e);
    }
    String key = address.startsWith("mem:") ? address : address + "#" + database;
    synchronized (PEERS) {
      Peer peer = PEERS.get(key);
      if (peer == null) {
        KeyValueStore kv;
        try {
          kv = Stores.open(address);
        } catch (StorageException | IllegalArgumentException e) {
          throw new DatoliteException("08001", "cannot open the storage of '" + url + "': " + e.getMessage(), e);
        }
        try {
          peer = EmbeddedPeer.open(key, kv, cacheBytes, config);
        } catch (RuntimeException e) {
          kv.close();
          throw new DatoliteException("08001", "cannot open database " + database + " in '" + url + "': "
              + e.getMessage(), e);
        }
        PEERS.put(key, peer);
      }
      peer.retain();
      return new PeerConnection(peer, timeout);
    }
  }

  /** Called by a closing connection: closes the peer with its last connection. */
  static void release(Peer peer) {
    boolean last;
    synchronized (PEERS) {
      last = peer.release();
      if (last) {
        PEERS.remove(peer.key());
      }
    }
    if (last) {
      peer.close();
    }
  }
}
