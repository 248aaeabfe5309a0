package org.datolite.transactor.tx;

import java.util.List;
import org.datolite.edn.Edn;
import org.datolite.schema.Attribute;
import org.datolite.schema.Ids;
import org.datolite.schema.Schema;
import org.datolite.storage.db.Db;
import org.datolite.transactor.TransactorFixture;
import org.datolite.value.Keyword;

/**
 * A database on a memory transactor, for testing the parts of transaction processing alone:
 * operations as the expander makes them, the database and schema as the next transaction would
 * see them, and that transaction's entity id.
 */
final class TxUnitFixture implements AutoCloseable {
  static final String SCHEMA = """
      [{:db/ident :person/name :db/valueType :db.type/string :db/cardinality :db.cardinality/one}
       {:db/ident :person/email :db/valueType :db.type/string :db/cardinality :db.cardinality/one
        :db/unique :db.unique/identity}
       {:db/ident :person/ssn :db/valueType :db.type/string :db/cardinality :db.cardinality/one
        :db/unique :db.unique/identity}
       {:db/ident :person/friend :db/valueType :db.type/ref :db/cardinality :db.cardinality/many}
       {:db/ident :person/badge :db/valueType :db.type/ref :db/cardinality :db.cardinality/one
        :db/unique :db.unique/identity}
       {:db/ident :reg/course :db/valueType :db.type/string :db/cardinality :db.cardinality/one}
       {:db/ident :reg/student :db/valueType :db.type/string :db/cardinality :db.cardinality/one}
       {:db/ident :status/active}]
      """;
  /** A composite names attributes that exist: it is installed after them. */
  static final String COMPOSITE = """
      [{:db/ident :reg/course+student :db/valueType :db.type/tuple
        :db/tupleAttrs [:reg/course :reg/student] :db/cardinality :db.cardinality/one
        :db/unique :db.unique/identity}]
      """;

  final TransactorFixture f = new TransactorFixture();

  TxUnitFixture() {
    f.tx(SCHEMA);
    f.tx(COMPOSITE);
  }

  Db db() {
    return f.db();
  }

  Schema schema() {
    return f.transactor.schema();
  }

  /** The id of the transaction that would come next. */
  long nextTx() {
    return Ids.tx(f.transactor.basisT() + 1);
  }

  /** The next free index in :db.part/user, as the transactor would pass it. */
  long nextEntityIndex() {
    return Ids.nextEntityIndex(db());
  }

  Attribute attr(String ident) {
    return schema().attribute(Keyword.of(ident));
  }

  List<TxOp> ops(String edn) {
    return TxExpander.expand(Edn.read(edn), schema());
  }

  EntityResolver entities() {
    return new EntityResolver(db(), schema(), nextTx());
  }

  @Override
  public void close() {
    f.close();
  }
}
