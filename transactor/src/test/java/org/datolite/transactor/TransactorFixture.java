package org.datolite.transactor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.datolite.datom.Datom;
import org.datolite.datom.Index;
import org.datolite.edn.Edn;
import org.datolite.storage.db.Db;
import org.datolite.storage.kv.KeyValueStore;
import org.datolite.storage.kv.MemoryStore;
import org.datolite.storage.tree.SegmentCache;
import org.datolite.transactor.tx.TxErrorCode;
import org.datolite.transactor.tx.TxException;
import org.datolite.value.Keyword;

/** A transactor on a memory store, with helpers to transact EDN and read facts back. */
public final class TransactorFixture implements AutoCloseable {
  public final KeyValueStore kv;
  public final Transactor transactor;

  public TransactorFixture() {
    this(new MemoryStore("fixture"), TransactorConfig.defaults("test"));
  }

  public TransactorFixture(KeyValueStore kv, TransactorConfig config) {
    this.kv = kv;
    this.transactor = Transactor.open(kv, new SegmentCache(64L << 20), config);
  }

  /** Transacts EDN transaction data and returns the report. */
  public TxReport tx(String edn) {
    return transactor.transact(Edn.read(edn));
  }

  /** Asserts that the EDN is rejected with {@code code}, that nothing is stored, and returns the message. */
  public String rejects(TxErrorCode code, String edn) {
    long before = transactor.basisT();
    List<String> keys = kv.keys("");
    TxException e = assertThrows(TxException.class, () -> tx(edn));
    assertEquals(code, e.code(), e.getMessage());
    assertEquals(before, transactor.basisT(), "a rejected transaction changes nothing");
    assertEquals(keys, kv.keys(""), "a rejected transaction writes nothing");
    return e.getMessage();
  }

  public Db db() {
    return transactor.db();
  }

  public long attr(String ident) {
    return transactor.schema().entid(Keyword.of(ident));
  }

  /** The entity a lookup ref names in the current db. */
  public long lookup(String attr, Object value) {
    Datom d = db().first(Index.AVET, attr(attr), value);
    assertTrue(d != null, "no entity with " + attr + " " + value);
    return d.e();
  }

  /** The values of an attribute of an entity, in index order. */
  public List<Object> values(long e, String attr) {
    return values(db(), e, attr);
  }

  public List<Object> values(Db db, long e, String attr) {
    List<Object> out = new ArrayList<>();
    for (Iterator<Datom> it = db.datoms(Index.EAVT, e, attr(attr)); it.hasNext(); ) {
      out.add(it.next().v());
    }
    return out;
  }

  public Object value(long e, String attr) {
    List<Object> vs = values(e, attr);
    return vs.isEmpty() ? null : vs.get(0);
  }

  /** Datoms of a report other than the transaction entity's, as "[e-ident a v added]" strings. */
  public List<Datom> userDatoms(TxReport report) {
    List<Datom> out = new ArrayList<>();
    for (Datom d : report.txData()) {
      if (d.e() != report.tx()) {
        out.add(d);
      }
    }
    return out;
  }

  @Override
  public void close() {
    transactor.close();
  }
}
