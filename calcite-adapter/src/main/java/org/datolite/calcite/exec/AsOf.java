package org.datolite.calcite.exec;

import java.time.Instant;
import org.apache.calcite.DataContext;
import org.datolite.DatoliteException;
import org.datolite.error.SqlState;
import org.datolite.schema.Resolver;
import org.datolite.schema.Schema;
import org.datolite.storage.db.Db;

/**
 * The point in time of {@code FOR SYSTEM_TIME AS OF}: a TIMESTAMP (epoch milliseconds, UTC) or,
 * through {@code BASIS_T(n)}, a basis {@code t}; a literal or a {@code ?}, read at each execution.
 *
 * @param when the timestamp or the t
 * @param basisT whether {@code when} is a basis t
 */
public record AsOf(Operand when, boolean basisT) {

  /** The statement's value as of this point. */
  Db apply(Db db, Schema schema, DataContext root) {
    Object v = when.value(root);
    if (!(v instanceof Number n)) {
      throw new DatoliteException(SqlState.INVALID_PARAMETER_VALUE, "FOR SYSTEM_TIME AS OF needs a "
          + (basisT ? "basis t" : "timestamp") + "; got " + (v == null ? "NULL" : v));
    }
    long tx = basisT ? Resolver.txOf(n.longValue()) : new Resolver(db, schema).txAt(Instant.ofEpochMilli(n.longValue()));
    return db.asOf(tx);
  }

  @Override
  public String toString() {
    return "as of " + (basisT ? "t " : "") + when;
  }
}
