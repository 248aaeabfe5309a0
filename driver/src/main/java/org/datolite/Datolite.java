package org.datolite;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import org.datolite.error.SqlState;
import org.datolite.query.QueryEngine;
import org.datolite.query.QueryLimits;
import org.datolite.query.QueryParser;
import org.datolite.storage.StorageException;
import org.datolite.storage.kv.KeyValueStore;
import org.datolite.storage.kv.Stores;
import org.datolite.transactor.TransactorConfig;
import org.datolite.transactor.remote.TransactorClient;

/**
 * Opens connections to Datolite databases. URLs (the JDBC driver's, with or without its
 * {@code jdbc:datolite:} prefix):
 *
 * <ul>
 *   <li>{@code mem:NAME}: an in-memory database, shared by every connection in this JVM that
 *       names it; it lives as long as the JVM (reconnecting finds it again);
 *   <li>{@code file:PATH}: a database in a directory (property {@code db} names the database
 *       within it, default {@code datolite}); the databases of a directory can be open at once,
 *       sharing the directory's one store in this JVM, while another process opening the
 *       directory fails (a directory is open in one process at a time);
 *   <li>{@code postgresql://HOST:PORT/PGDB?db=NAME&user=…&password=…}: a peer of the standalone
 *       transactor serving database {@code NAME} in that PostgreSQL storage (property
 *       {@code secret} is its shared secret); the peer reads storage itself and writes through
 *       the transactor.
 * </ul>
 * Embedded databases ({@code mem:}, {@code file:}) run their transactor in process. Connections
 * to the same database share one peer; the properties of the first connection size it.
 */
public final class Datolite {
  /** The JDBC URL prefix, accepted and ignored here. */
  public static final String JDBC_PREFIX = "jdbc:datolite:";

  /** Open peers by key: the storage (canonical, so every spelling of a directory is one) and the database. */
  private static final Map<String, Peer> PEERS = new HashMap<>();
  /** Keys of peers being closed; a connect to one waits until it is (guarded by PEERS). */
  private static final Set<String> CLOSING = new HashSet<>();

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
      throw new DatoliteException(SqlState.CONNECTION_UNABLE_TO_CONNECT, "no URL; expected mem:NAME, file:PATH or postgresql://HOST:PORT/PGDB?db=NAME");
    }
    String address = url.startsWith(JDBC_PREFIX) ? url.substring(JDBC_PREFIX.length()) : url;
    long cacheBytes = ConnectionProperty.SEGMENT_CACHE_MB.getLong(p) << 20;
    long queryTimeout = ConnectionProperty.QUERY_TIMEOUT_MS.getLong(p);
    QueryLimits limits = new QueryLimits(queryTimeout == 0 ? null : Duration.ofMillis(queryTimeout),
        ConnectionProperty.QUERY_MAX_ROWS.getLong(p),
        ConnectionProperty.QUERY_PLANNER.getChoice(p).equals("written"),
        ConnectionProperty.QUERY_JAVA_CLASSES.getClassNames(p));
    Duration timeout = Duration.ofMillis(ConnectionProperty.TRANSACT_TIMEOUT_MS.getLong(p));
    String database;
    String storage = address;
    if (address.startsWith("mem:")) {
      database = address.substring("mem:".length());
    } else if (address.startsWith("file:")) {
      database = ConnectionProperty.DB.get(p);
    } else if (address.startsWith("postgresql://")) {
      String[] split = splitDb(address, url);
      storage = split[0];
      database = split[1] != null ? split[1] : ConnectionProperty.DB.get(p);
    } else {
      throw new DatoliteException(SqlState.CONNECTION_UNABLE_TO_CONNECT, "cannot connect to '" + url
          + "'; expected mem:NAME, file:PATH or postgresql://HOST:PORT/PGDB?db=NAME, optionally after "
          + JDBC_PREFIX);
    }
    TransactorConfig config;
    try {
      config = TransactorConfig.defaults(database);
    } catch (IllegalArgumentException e) {
      throw new DatoliteException(SqlState.CONNECTION_UNABLE_TO_CONNECT, "cannot connect to '" + url + "': " + e.getMessage(), e);
    }
    boolean remote = address.startsWith("postgresql://");
    byte[] secret = remote ? secret(p) : null;
    String key;
    try {
      key = address.startsWith("mem:") ? address : Stores.canonical(storage) + "#" + database;
    } catch (StorageException e) {
      throw new DatoliteException(SqlState.CONNECTION_UNABLE_TO_CONNECT, "cannot open the storage of '" + url + "': " + e.getMessage(), e);
    }
    synchronized (PEERS) {
      awaitClosed(key);
      Peer peer = PEERS.get(key);
      if (peer == null) {
        KeyValueStore kv;
        try {
          kv = Stores.open(storage);
        } catch (StorageException | IllegalArgumentException e) {
          throw new DatoliteException(SqlState.CONNECTION_UNABLE_TO_CONNECT, "cannot open the storage of '" + url + "': " + e.getMessage(), e);
        }
        try {
          peer = remote ? new RemotePeer(key, database, kv, cacheBytes, secret, timing(p, kv, database, timeout))
              : EmbeddedPeer.open(key, kv, cacheBytes, config);
        } catch (DatoliteException e) {
          kv.close();
          throw e;
        } catch (RuntimeException e) {
          kv.close();
          throw new DatoliteException(SqlState.CONNECTION_UNABLE_TO_CONNECT, "cannot open database " + database + " in '" + url + "': "
              + e.getMessage(), e);
        }
        PEERS.put(key, peer);
      } else {
        peer.admit(secret);
      }
      peer.retain();
      return new PeerConnection(peer, timeout, limits);
    }
  }

  /** The storage address without its {@code db} parameter, and that parameter (or null). */
  private static String[] splitDb(String address, String url) {
    int q = address.indexOf('?');
    if (q < 0) {
      return new String[] {address, null};
    }
    List<String> kept = new ArrayList<>();
    String db = null;
    for (String pair : address.substring(q + 1).split("&")) {
      if (pair.startsWith("db=")) {
        if (db != null) {
          throw new DatoliteException(SqlState.CONNECTION_UNABLE_TO_CONNECT, "'" + url + "' gives db twice");
        }
        db = URLDecoder.decode(pair.substring(3), StandardCharsets.UTF_8);
      } else if (!pair.isEmpty()) {
        kept.add(pair);
      }
    }
    return new String[] {address.substring(0, q) + (kept.isEmpty() ? "" : "?" + String.join("&", kept)), db};
  }

  private static byte[] secret(Properties p) {
    byte[] secret = ConnectionProperty.SECRET.getSecret(p, SqlState.INVALID_AUTHORIZATION_SPECIFICATION);
    if (secret == null) {
      throw new DatoliteException(SqlState.INVALID_AUTHORIZATION_SPECIFICATION,
          "a peer of a standalone transactor needs its shared secret: set connection property 'secret'");
    }
    return secret;
  }


  /**
   * Runs a Datalog query on explicit inputs, one per entry of its {@code :in} ({@code $} when it
   * has none): databases or collections of tuples for sources, values for bindings.
   */
  public static Object q(String query, Object... inputs) {
    return QueryEngine.run(QueryParser.parse(query), inputs);
  }

  /** As {@link #q(String, Object...)}, within a timeout and a bound on intermediate bindings. */
  public static Object q(QueryLimits limits, String query, Object... inputs) {
    return QueryEngine.run(QueryParser.parse(query), limits, inputs);
  }

  /**
   * Waits (holding PEERS' monitor, which the wait releases) while the peer of {@code key} is
   * being closed, so that no two peers of one database (two transactors writing it) are ever
   * open at once.
   */
  private static void awaitClosed(String key) {
    while (CLOSING.contains(key)) {
      try {
        PEERS.wait();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new DatoliteException(SqlState.CONNECTION_UNABLE_TO_CONNECT, "interrupted while database " + key + " was closing", e);
      }
    }
  }

  /**
   * A database followed by the caller's inputs, for {@code db.q} and {@code conn.q}; null if the
   * caller passed a null array, which the engine then reports (22023).
   */
  static Object[] withFirst(Object db, Object[] inputs) {
    if (inputs == null) {
      return null;
    }
    Object[] all = new Object[inputs.length + 1];
    all[0] = db;
    System.arraycopy(inputs, 0, all, 1, inputs.length);
    return all;
  }

  /** Called by a closing connection: closes the peer with its last connection. */
  static void release(Peer peer) {
    boolean last;
    synchronized (PEERS) {
      last = peer.release();
      if (last) {
        PEERS.remove(peer.key());
        CLOSING.add(peer.key());
      }
    }
    if (last) {
      try {
        peer.close();
      } finally {
        synchronized (PEERS) {
          CLOSING.remove(peer.key());
          PEERS.notifyAll();
        }
      }
    }
  }

  /**
   * How a remote peer times its link to the transactor: the connection properties, where 0 derives
   * the keepalive from the heartbeat in the transactor's lease (the idle timeout two heartbeats,
   * when a standby takes over; pings four times within it).
   */
  private static TransactorClient.Timing timing(Properties p, KeyValueStore kv, String database, Duration timeout) {
    long idle = ConnectionProperty.TRANSACTOR_IDLE_TIMEOUT_MS.getLong(p);
    long ping = ConnectionProperty.TRANSACTOR_PING_MS.getLong(p);
    if (idle == 0) {
      Duration heartbeat = TransactorClient.heartbeat(kv, database + "/");
      idle = heartbeat == null ? 4_000 : Math.max(200, 2 * heartbeat.toMillis());
    }
    if (ping == 0) {
      ping = Math.max(10, idle / 4);
    }
    if (idle < 2 * ping) {
      throw new DatoliteException(SqlState.INVALID_PARAMETER_VALUE, "connection properties "
          + ConnectionProperty.TRANSACTOR_IDLE_TIMEOUT_MS.key() + " (" + idle + " ms) and "
          + ConnectionProperty.TRANSACTOR_PING_MS.key() + " (" + ping + " ms) do not fit; expected the idle timeout"
          + " to be at least twice the ping interval, or 0 for either to follow the transactor's heartbeat");
    }
    long min = ConnectionProperty.RECONNECT_MIN_MS.getLong(p);
    long max = ConnectionProperty.RECONNECT_MAX_MS.getLong(p);
    if (max < min) {
      throw new DatoliteException(SqlState.INVALID_PARAMETER_VALUE, "connection property "
          + ConnectionProperty.RECONNECT_MAX_MS.key() + " (" + max + " ms) is less than "
          + ConnectionProperty.RECONNECT_MIN_MS.key() + " (" + min + " ms); expected at least as much");
    }
    return new TransactorClient.Timing(timeout, Duration.ofMillis(ping), Duration.ofMillis(idle), Duration.ofMillis(min),
        Duration.ofMillis(max));
  }
}
