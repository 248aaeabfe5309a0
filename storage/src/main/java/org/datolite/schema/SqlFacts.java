package org.datolite.schema;

import java.util.List;

/**
 * The SQL mapping facts of one attribute, its {@code :db.sql/*} values (docs/sql.md, "Overriding
 * the mapping"). They are schema data: transacted like other schema, checked by the transactor,
 * and read with the schema, so that they travel with the database and its history.
 *
 * @param table {@code :db.sql/table}, the SQL name of the table of the attribute's namespace, or null
 * @param membership {@code :db.sql/membership}: only entities with this attribute are rows of that table
 * @param include {@code :db.sql/include}, the ids of other attributes that are columns of that table, in id order
 * @param exclude {@code :db.sql/exclude}: the attribute is no column of that table
 * @param enumRef {@code :db.sql/enum}: a ref read as its target's ident (true) or id (false); null when not said
 */
public record SqlFacts(String table, boolean membership, List<Long> include, boolean exclude, Boolean enumRef) {
  /** The facts of an attribute that has none. */
  public static final SqlFacts NONE = new SqlFacts(null, false, List.of(), false, null);

  public SqlFacts {
    include = List.copyOf(include);
  }
}
