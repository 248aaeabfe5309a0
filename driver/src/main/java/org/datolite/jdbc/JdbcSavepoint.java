package org.datolite.jdbc;

import java.sql.SQLException;
import java.sql.Savepoint;
import org.datolite.error.SqlState;

/**
 * A savepoint of a JDBC transaction: the transaction's writes so far, to roll back to.
 *
 * @param id its number in the connection
 * @param name its name, or null for an unnamed one
 * @param transaction the transaction it belongs to
 * @param mark the transaction's state when it was set
 */
record JdbcSavepoint(int id, String name, SqlTransaction transaction, SqlTransaction.Mark mark) implements Savepoint {
  @Override
  public int getSavepointId() throws SQLException {
    if (name != null) {
      throw JdbcErrors.of(SqlState.INVALID_SAVEPOINT_SPECIFICATION, "savepoint " + name + " is named; ask its name");
    }
    return id;
  }

  @Override
  public String getSavepointName() throws SQLException {
    if (name == null) {
      throw JdbcErrors.of(SqlState.INVALID_SAVEPOINT_SPECIFICATION, "savepoint " + id + " is unnamed; ask its id");
    }
    return name;
  }

  @Override
  public boolean equals(Object o) {
    return this == o;
  }

  @Override
  public int hashCode() {
    return System.identityHashCode(this);
  }

  @Override
  public String toString() {
    return name != null ? name : "#" + id;
  }
}
