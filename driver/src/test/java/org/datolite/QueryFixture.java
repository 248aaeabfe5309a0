package org.datolite;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import org.datolite.datom.Datom;

/**
 * The one way the driver's tests get a database to query: a fresh embedded in-memory database
 * (its name made unique, so tests never share one), loaded transaction by transaction, its
 * current value, and its connection closed at the end; and the helpers the query tests share.
 *
 * <pre>
 * static QueryFixture people = QueryFixture.memory("query");
 * TxReport r = people.transact(QueryFixture.PEOPLE_SCHEMA);   // then the data
 * Database db = people.db();
 * people.close();                                            // in @AfterAll
 * </pre>
 */
public final class QueryFixture implements AutoCloseable {
  /**
   * People by name: {@code :p/name} (a unique identity), {@code :p/age}, {@code :p/tag} (keywords,
   * many), {@code :p/friend} (refs, many), {@code :p/sex} (a ref to the enums {@code :sex/f} and
   * {@code :sex/m}).
   */
  public static final String PEOPLE_SCHEMA = "[{:db/ident :p/name :db/valueType :db.type/string"
      + " :db/cardinality :db.cardinality/one :db/unique :db.unique/identity}"
      + " {:db/ident :p/age :db/valueType :db.type/long :db/cardinality :db.cardinality/one}"
      + " {:db/ident :p/tag :db/valueType :db.type/keyword :db/cardinality :db.cardinality/many}"
      + " {:db/ident :p/friend :db/valueType :db.type/ref :db/cardinality :db.cardinality/many}"
      + " {:db/ident :p/sex :db/valueType :db.type/ref :db/cardinality :db.cardinality/one}"
      + " {:db/ident :sex/f} {:db/ident :sex/m}]";

  private final DatoliteConnection conn;

  private QueryFixture(DatoliteConnection conn) {
    this.conn = conn;
  }

  /** A fresh in-memory database named after {@code name}, with default connection properties. */
  public static QueryFixture memory(String name) {
    return new QueryFixture(connect(name, null));
  }

  /** A connection to a fresh in-memory database named after {@code name} (null properties: none). */
  public static DatoliteConnection connect(String name, Properties props) {
    return Datolite.connect(memUrl(name), props);
  }

  /** As {@link #connect(String, Properties)} with default properties. */
  public static DatoliteConnection connect(String name) {
    return connect(name, null);
  }

  /** The URL of an in-memory database no other test names: {@code mem:NAME-UUID}. */
  public static String memUrl(String name) {
    return "mem:" + name + "-" + UUID.randomUUID();
  }

  /** Transacts one transaction (schema or data) and returns its report. */
  public TxReport transact(String edn) {
    return conn.transact(edn);
  }

  public DatoliteConnection conn() {
    return conn;
  }

  /** The current database value: everything transacted so far. */
  public Database db() {
    return conn.db();
  }

  @Override
  public void close() {
    conn.close();
  }

  /** A query result (a collection) as a set, to compare without order. */
  public static Set<Object> set(Object result) {
    return new HashSet<>((Collection<?>) result);
  }

  /** Datoms as a list, in the order read. */
  public static List<Datom> list(Iterable<Datom> datoms) {
    List<Datom> out = new ArrayList<>();
    datoms.forEach(out::add);
    return out;
  }
}
