package org.datolite.schema;

import java.util.ArrayList;
import java.util.List;

/**
 * The SQL facts of one attribute, its {@code :db.sql/*} values: the overrides of the mapping
 * (docs/sql.md, "Overriding the mapping") and what a {@code CREATE TABLE} declared (docs/sql.md,
 * "Creating tables"). They are schema data: transacted like other schema, checked by the
 * transactor, and read with the schema, so that they travel with the database and its history.
 *
 * @param table {@code :db.sql/table}, the SQL name of the table of the attribute's namespace, or null
 * @param membership {@code :db.sql/membership}: only entities with this attribute are rows of that table
 * @param include {@code :db.sql/include}, the ids of other attributes that are columns of that table, in id order
 * @param exclude {@code :db.sql/exclude}: the attribute is no column of that table
 * @param enumRef {@code :db.sql/enum}: a ref read as its target's ident (true) or id (false); null when not said
 * @param type {@code :db.sql/type}, the declared SQL type name ({@code INTEGER}), or null
 * @param precision {@code :db.sql/precision}, the declared length or precision, or null
 * @param scale {@code :db.sql/scale}, the declared scale, or null
 * @param notNull {@code :db.sql/not-null}: every row of the table has a value of the attribute
 * @param defaultValue {@code :db.sql/default}, the SQL literal an INSERT writes when it names no value, or null
 * @param marker {@code :db.sql/marker}: asserted on every row SQL inserts, no column, but makes a row
 * @param references {@code :db.sql/references}, the attribute that keys this ref's targets, or null
 * @param position {@code :db.sql/position}, the column's declared place in its table, or null
 * @param dropped {@code :db.sql/dropped}: the table or column was dropped
 * @param idColumn {@code :db.sql/id-column}, on a row marker: the name of the table's entity-id
 *     column (an identity column) in place of {@code DB_ID}, or null
 * @param foreignKey {@code :db.sql/foreign-key}, the name of the foreign key {@code references} makes, or null
 * @param checks {@code :db.sql/check}, on a row marker: its table's CHECK constraints, in text order
 * @param onDelete {@code :db.sql/on-delete}, what deleting a referenced row does to this column's
 *     rows ({@code CASCADE}, {@code SET NULL}), or null ({@code NO ACTION})
 */
public record SqlFacts(String table, boolean membership, List<Long> include, boolean exclude, Boolean enumRef,
    String type, Long precision, Long scale, boolean notNull, String defaultValue, boolean marker, Long references,
    Long position, boolean dropped, String idColumn, String foreignKey, List<String> checks, String onDelete) {
  /** The facts of an attribute that has none. */
  public static final SqlFacts NONE = new SqlFacts(null, false, List.of(), false, null);

  public SqlFacts {
    include = List.copyOf(include);
    checks = List.copyOf(checks);
  }

  /** Mapping overrides only, nothing declared. */
  public SqlFacts(String table, boolean membership, List<Long> include, boolean exclude, Boolean enumRef) {
    this(table, membership, include, exclude, enumRef, null, null, null, false, null, false, null, null, false, null, null,
        List.of(), null);
  }

  /** The same facts with one more value of a {@code :db.sql/*} attribute (its id in {@link Bootstrap}). */
  SqlFacts with(long attribute, Object v) {
    String t = table;
    boolean mb = membership;
    List<Long> inc = include;
    boolean ex = exclude;
    Boolean en = enumRef;
    String ty = type;
    Long p = precision;
    Long sc = scale;
    boolean nn = notNull;
    String df = defaultValue;
    boolean mk = marker;
    Long ref = references;
    Long pos = position;
    boolean dr = dropped;
    String id = idColumn;
    String fk = foreignKey;
    List<String> ck = checks;
    String od = onDelete;
    switch ((int) attribute) {
      case (int) Bootstrap.SQL_TABLE -> t = (String) v;
      case (int) Bootstrap.SQL_MEMBERSHIP -> mb = (Boolean) v;
      case (int) Bootstrap.SQL_INCLUDE -> {
        inc = new ArrayList<>(include);
        inc.add((Long) v);
      }
      case (int) Bootstrap.SQL_EXCLUDE -> ex = (Boolean) v;
      case (int) Bootstrap.SQL_ENUM -> en = (Boolean) v;
      case (int) Bootstrap.SQL_TYPE -> ty = (String) v;
      case (int) Bootstrap.SQL_PRECISION -> p = (Long) v;
      case (int) Bootstrap.SQL_SCALE -> sc = (Long) v;
      case (int) Bootstrap.SQL_NOT_NULL -> nn = (Boolean) v;
      case (int) Bootstrap.SQL_DEFAULT -> df = (String) v;
      case (int) Bootstrap.SQL_MARKER -> mk = (Boolean) v;
      case (int) Bootstrap.SQL_REFERENCES -> ref = (Long) v;
      case (int) Bootstrap.SQL_POSITION -> pos = (Long) v;
      case (int) Bootstrap.SQL_DROPPED -> dr = (Boolean) v;
      case (int) Bootstrap.SQL_ID_COLUMN -> id = (String) v;
      case (int) Bootstrap.SQL_FOREIGN_KEY -> fk = (String) v;
      case (int) Bootstrap.SQL_CHECK -> {
        ck = new ArrayList<>(checks);
        ck.add((String) v);
        ck.sort(null);
      }
      case (int) Bootstrap.SQL_ON_DELETE -> od = (String) v;
      default -> throw new IllegalArgumentException("no SQL fact of an attribute: " + attribute);
    }
    return new SqlFacts(t, mb, inc, ex, en, ty, p, sc, nn, df, mk, ref, pos, dr, id, fk, ck, od);
  }
}
