package org.datolite.schema;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.datolite.datom.Datom;
import org.datolite.storage.db.Db;
import org.datolite.storage.db.MemoryIndex;
import org.datolite.storage.kv.MemoryStore;
import org.datolite.storage.log.CommittedTx;
import org.datolite.storage.tree.IndexSet;
import org.datolite.storage.tree.NodeStore;
import org.datolite.storage.tree.SegmentCache;
import org.datolite.storage.tree.TreeConfig;
import org.datolite.value.Keyword;
import org.datolite.value.ValueType;

/**
 * A small database value built datom by datom, without a transactor: the bootstrap transaction,
 * then transactions of given datoms, all in one novelty layer over empty trees. For the tests of
 * the resolver and the attribute statistics.
 */
final class TestDatabase {
  static final long NAME = 1000;
  static final long AGE = 1001;
  static final long FRIEND = 1002;
  static final long NICK = 1003;
  static final long TAG = 1004;
  static final long SEX_F = 1005;
  /** The instant of transaction {@code t}: a minute apart from the epoch. */
  static final Instant T0 = Instant.parse("2024-01-01T00:00:00Z");

  private final IndexSet persisted;
  private final MemoryIndex novelty;
  private Schema schema = Schema.bootstrap();
  private long t;

  private TestDatabase() {
    this(Bootstrap.datoms());
  }

  private TestDatabase(List<Datom> bootstrap) {
    persisted = IndexSet.empty(new NodeStore(new MemoryStore("test"), new SegmentCache(16L << 20), "test/"),
        TreeConfig.DEFAULT);
    novelty = new MemoryIndex(a -> schema.isRef(a));
    novelty.add(new CommittedTx(0, Ids.tx(0), bootstrap));
    schema = Schema.of(db());
  }

  /** A database whose bootstrap transaction lacks the datoms of some built-in entities, as one created by an older release. */
  static TestDatabase withBootstrapLacking(long... entities) {
    List<Datom> bootstrap = new ArrayList<>();
    for (Datom d : Bootstrap.datoms()) {
      if (Arrays.stream(entities).noneMatch(e -> e == d.e())) {
        bootstrap.add(d);
      }
    }
    return new TestDatabase(bootstrap);
  }

  /** The people schema ({@link #withPeopleSchema}) on a database created by an older release, lacking these built-in entities. */
  static TestDatabase withPeopleSchemaLacking(long... entities) {
    TestDatabase db = withBootstrapLacking(entities);
    db.transact(peopleSchema());
    return db;
  }

  /** The bootstrap schema and attributes :p/name (unique string), :p/age, :p/friend (ref, many), :p/nick, :p/tag (keywords, many), and the enum :sex/f. */
  static TestDatabase withPeopleSchema() {
    TestDatabase db = new TestDatabase();
    db.transact(peopleSchema());
    return db;
  }

  private static List<Datom> peopleSchema() {
    List<Datom> schema = new ArrayList<>();
    long tx = Ids.tx(1);
    attribute(schema, tx, NAME, "p/name", ValueType.STRING, false, true);
    attribute(schema, tx, AGE, "p/age", ValueType.LONG, false, false);
    attribute(schema, tx, FRIEND, "p/friend", ValueType.REF, true, false);
    attribute(schema, tx, NICK, "p/nick", ValueType.STRING, false, false);
    attribute(schema, tx, TAG, "p/tag", ValueType.KEYWORD, true, false);
    schema.add(Datom.of(SEX_F, Bootstrap.IDENT, Keyword.of("sex/f"), tx));
    return schema;
  }

  private static void attribute(List<Datom> out, long tx, long id, String ident, ValueType type, boolean many,
      boolean unique) {
    out.add(Datom.of(id, Bootstrap.IDENT, Keyword.of(ident), tx));
    out.add(Datom.of(id, Bootstrap.VALUE_TYPE, Bootstrap.typeId(type), tx));
    out.add(Datom.of(id, Bootstrap.CARDINALITY, many ? Bootstrap.CARDINALITY_MANY : Bootstrap.CARDINALITY_ONE, tx));
    if (unique) {
      out.add(Datom.of(id, Bootstrap.UNIQUE, Bootstrap.UNIQUE_IDENTITY, tx));
    }
  }

  /** A user entity id. */
  static long entity(long n) {
    return Ids.entity(Ids.PARTITION_USER, n);
  }

  /** The id of the next transaction. */
  long nextTx() {
    return Ids.tx(t + 1);
  }

  /** Adds a transaction of these datoms (their tx must be {@link #nextTx()}) and its instant; returns its tx id. */
  long transact(List<Datom> datoms) {
    t++;
    long tx = Ids.tx(t);
    List<Datom> all = new ArrayList<>(datoms);
    all.add(Datom.of(tx, Bootstrap.TX_INSTANT, T0.plusSeconds(60 * t), tx));
    novelty.add(new CommittedTx(t, tx, all));
    schema = Schema.of(db());
    return tx;
  }

  /** The current value. */
  Db db() {
    return Db.of(persisted, Long.MIN_VALUE, List.of(novelty), Ids.tx(t));
  }

  Schema schema() {
    return schema;
  }

  Resolver resolver() {
    return new Resolver(db(), schema);
  }
}
