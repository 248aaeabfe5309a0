package org.datolite.transactor;

import org.datolite.datom.Datom;
import org.datolite.datom.Index;
import org.datolite.schema.Bootstrap;
import org.datolite.storage.db.Db;
import org.datolite.value.Keyword;

/** The entity predicate of docs/transactions.md, run by {@link TransactionsDocTest}. */
public final class DocPredicates {
  private DocPredicates() {}

  /** Whether the entity's {@code :person/age} is at least 18, on the database after the transaction. */
  public static boolean adult(Db db, long e) {
    long age = db.first(Index.AVET, Bootstrap.IDENT, Keyword.of(":person/age")).e();
    Datom d = db.first(Index.EAVT, e, age);
    return d != null && (Long) d.v() >= 18;
  }
}
