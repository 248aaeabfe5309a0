package org.datolite.calcite.write;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.LongSupplier;
import org.datolite.DatoliteException;
import org.datolite.calcite.ParameterInfo;
import org.datolite.calcite.PreparedSql;
import org.datolite.calcite.exec.Operand;
import org.datolite.calcite.exec.SqlExecution;
import org.datolite.calcite.model.ChildTableModel;
import org.datolite.calcite.model.Column;
import org.datolite.calcite.model.ColumnKind;
import org.datolite.calcite.model.EntityTableModel;
import org.datolite.calcite.model.SqlModel;
import org.datolite.calcite.model.TableModel;
import org.datolite.datom.Datom;
import org.datolite.datom.Index;
import org.datolite.error.SqlState;
import org.datolite.schema.Attribute;
import org.datolite.schema.Schema;
import org.datolite.storage.db.Db;
import org.datolite.value.Keyword;
import org.datolite.value.ValueType;
import org.datolite.value.Values;

/**
 * An INSERT, UPDATE or DELETE prepared over a schema's tables ({@link SqlWrites#prepare}): each
 * execution reads what the statement needs from the connection's database value and answers the
 * transaction data that makes the change ({@link TxData}); the driver transacts it, or adds it
 * to a JDBC transaction.
 *
 * <p>What each statement becomes, on an entity table (a row per entity) and on a child table (a
 * row per value of a cardinality-many attribute):
 * <ul>
 *   <li>INSERT: per row, a new entity with the row's non-NULL values and {@code [:db.sql/new
 *       tempid]}, so that a key that exists fails with 23505 instead of upserting; on a child
 *       table, {@code [:db/add owner attribute value]};
 *   <li>UPDATE: per matched row, {@code [:db/add e a v]} for each value set (the transactor
 *       retracts the old one) and {@code [:db/retract e a]} for each NULL; on a child table, the
 *       old value retracted and the new one asserted;
 *   <li>DELETE: per matched row, {@code [:db/retractEntity e]}, which also retracts the
 *       references to it; on a child table, {@code [:db/retract owner attribute value]}.
 * </ul>
 * The rows an UPDATE or DELETE matches, and the rows of {@code INSERT … SELECT}, come from a
 * query planned like any other ({@code source}); literals and {@code ?} written directly take no
 * query at all.
 */
public final class SqlWrite {
  /** The kind of statement. */
  public enum Kind { INSERT, UPDATE, DELETE, MERGE }

  static final Keyword DB_ID = Keyword.of("db", "id");
  static final Keyword ADD = Keyword.of("db", "add");
  static final Keyword RETRACT = Keyword.of("db", "retract");
  static final Keyword RETRACT_ENTITY = Keyword.of("db", "retractEntity");
  static final Keyword SQL_NEW = Keyword.of("db.sql", "new");
  static final Keyword SQL_INCREMENT = Keyword.of("db.sql", "increment");

  /**
   * A SET that adds to a number column without reading it ({@code SET n = n + ?}).
   *
   * @param delta the literal or parameter added
   * @param negate whether it is subtracted
   */
  record Increment(Operand delta, boolean negate) {}

  private final String sql;
  private final Kind kind;
  private final TableModel table;
  private final List<Column> targets;
  private final List<ParameterInfo> parameters;
  private final List<Operand[]> rows;
  private final PreparedSql source;
  private final int[] sourceParameters;
  private final Operand[] sets;
  private final Increment[] increments;
  private final int keyColumns;
  /** A MERGE's INSERT columns (its {@code targets} are its UPDATE's), or empty. */
  private final List<Column> insertTargets;
  /** The positions in the table of {@code targets} and of {@code insertTargets}. */
  private final int[] targetPositions;
  private final int[] insertPositions;
  /** The positions of the columns an INSERT (a MERGE's INSERT) fills with their DEFAULT. */
  private final int[] targetDefaults;
  private final int[] insertDefaults;
  /** The keys of the map forms of this INSERT's new rows ({@link RowMap}), made on first use. */
  private volatile Object[] rowKeys;

  /**
   * @param targets the columns written: an INSERT's in its column order, an UPDATE's SET columns
   * @param rows an INSERT's rows of literals and parameters, or null when {@code source} gives them
   * @param source the query giving an INSERT's rows, or an UPDATE's or DELETE's matched rows (their
   *     key columns first, then the UPDATE's computed values), or null
   * @param sourceParameters for each parameter of {@code source}, the statement's parameter it is
   * @param sets for an UPDATE, each SET column's literal or parameter, or null where {@code source}
   *     computes it (in the column after the keys and the computed values before it) or it is an increment
   * @param increments for an UPDATE, each SET column's increment, or null
   * @param keyColumns how many columns of {@code source} identify a matched row (1 for an entity
   *     table's DB_ID, 2 for a child table's owner and value)
   */
  SqlWrite(String sql, Kind kind, TableModel table, List<Column> targets, List<ParameterInfo> parameters,
      List<Operand[]> rows, PreparedSql source, int[] sourceParameters, Operand[] sets, Increment[] increments,
      int keyColumns) {
    this(sql, kind, table, targets, parameters, rows, source, sourceParameters, sets, increments, keyColumns,
        List.of());
  }

  /** A MERGE: {@code targets} its UPDATE's columns, {@code insertTargets} its INSERT's. */
  SqlWrite(String sql, Kind kind, TableModel table, List<Column> targets, List<ParameterInfo> parameters,
      List<Operand[]> rows, PreparedSql source, int[] sourceParameters, Operand[] sets, Increment[] increments,
      int keyColumns, List<Column> insertTargets) {
    this.insertTargets = List.copyOf(insertTargets);
    this.sql = sql;
    this.kind = kind;
    this.table = table;
    this.targets = List.copyOf(targets);
    this.parameters = List.copyOf(parameters);
    this.rows = rows;
    this.source = source;
    this.sourceParameters = sourceParameters;
    this.sets = sets;
    this.increments = increments;
    this.keyColumns = keyColumns;
    this.targetPositions = positions(table, this.targets);
    this.insertPositions = positions(table, this.insertTargets);
    this.targetDefaults = kind == Kind.INSERT ? defaults(table, targetPositions) : new int[0];
    this.insertDefaults = defaults(table, insertPositions);
  }

  /** The positions of the columns with a DEFAULT that an INSERT of the columns at {@code written} does not name. */
  private static int[] defaults(TableModel table, int[] written) {
    List<Integer> out = new ArrayList<>();
    for (int p = 0; p < table.columns().size(); p++) {
      Column c = table.columns().get(p);
      if (c.declared() != null && c.declared().defaultValue() != null && !contains(written, p)) {
        out.add(p);
      }
    }
    return out.stream().mapToInt(Integer::intValue).toArray();
  }

  private static boolean contains(int[] positions, int p) {
    for (int q : positions) {
      if (q == p) {
        return true;
      }
    }
    return false;
  }

  private static int[] positions(TableModel table, List<Column> columns) {
    int[] at = new int[columns.size()];
    for (int i = 0; i < at.length; i++) {
      at[i] = table.columns().indexOf(columns.get(i));
    }
    return at;
  }

  public String sql() {
    return sql;
  }

  public Kind kind() {
    return kind;
  }

  /** The table written. */
  public TableModel table() {
    return table;
  }

  /** The statement's parameters, typed as the columns they are written to or as the query reads them. */
  public List<ParameterInfo> parameters() {
    return parameters;
  }

  /**
   * The attributes this statement adds to without reading them ({@code SET n = n + ?}): its
   * scans' reads of them are no reads of the statement.
   */
  public List<Attribute> incremented() {
    List<Attribute> out = new ArrayList<>();
    for (int i = 0; increments != null && i < increments.length; i++) {
      if (increments[i] != null) {
        out.add(targets.get(i).attribute());
      }
    }
    return out;
  }

  /** The query that finds the rows, or null for an INSERT of literals and parameters. */
  public PreparedSql source() {
    return source;
  }

  /**
   * Whether this is an INSERT of values whose execution reads nothing of the database and whose
   * rows nothing can refuse but their own values and, for a unique column (a key of one column),
   * a row that already has the value: into an entity table with no reference column (a key looked
   * up) and no key of several columns. Everything else it can break (a value, NOT NULL, a CHECK)
   * it checks itself; the transactor can only add a conflict of reserved ids, found at commit
   * anyway. A JDBC transaction may keep such a statement and apply it to its own database value
   * later, when a statement first reads it, looking its unique values up when it keeps it.
   */
  public boolean insertsWithoutReading(Schema schema) {
    if (kind != Kind.INSERT || source != null || !(table instanceof EntityTableModel entity)) {
      return false;
    }
    for (Column c : entity.columns()) {
      Attribute a = c.attribute();
      if (c.key() != null || (a != null && (a.isRef() || !schema.compositesOf(a.id()).isEmpty()))) {
        return false;
      }
    }
    return true;
  }

  /**
   * The transaction data of one execution.
   *
   * @param x the statement's database value and cancellation
   * @param params one value per {@code ?}, in internal form
   * @param now the statement's CURRENT_TIMESTAMP, epoch milliseconds
   * @param tempidPrefix what makes this execution's tempids unique in the transaction they join
   * @param newIds where the new rows of an INSERT take their ids from (reserved ids, created with
   *     {@code [:db.sql/new id]}), or null to give them tempids that the transaction resolves
   * @throws DatoliteException with a 22 or 23 SQLState for a value or row the table cannot take
   */
  public TxData plan(SqlExecution x, Object[] params, long now, String tempidPrefix, LongSupplier newIds) {
    if (params.length != parameters.size()) {
      throw new DatoliteException(SqlState.INVALID_PARAMETER_VALUE, "the statement has " + parameters.size()
          + " parameters; got " + params.length + " values");
    }
    return switch (kind) {
      case INSERT -> insert(x, params, now, tempidPrefix, newIds);
      case UPDATE -> update(x, params, now);
      case DELETE -> delete(x, params, now);
      case MERGE -> merge(x, params, now, tempidPrefix, newIds);
    };
  }

  private List<Object[]> sourceRows(SqlExecution x, Object[] params, long now) {
    Object[] values = new Object[sourceParameters.length];
    for (int i = 0; i < values.length; i++) {
      values[i] = params[sourceParameters[i]];
    }
    List<Object[]> out = new ArrayList<>();
    try (PreparedSql.Rows r = source.execute(x, values, now)) {
      while (r.hasNext()) {
        out.add(r.next());
        x.checkCancelled();
      }
    }
    return out;
  }

  // ---- INSERT ----------------------------------------------------------------------------------

  private TxData insert(SqlExecution x, Object[] params, long now, String tempidPrefix, LongSupplier newIds) {
    List<Object[]> values;
    if (rows != null) {
      values = new ArrayList<>(rows.size());
      for (Operand[] row : rows) {
        Object[] v = new Object[row.length];
        for (int i = 0; i < row.length; i++) {
          v[i] = row[i].parameter() < 0 ? row[i].literal() : params[row[i].parameter()];
        }
        values.add(v);
      }
    } else {
      values = sourceRows(x, params, now);
    }
    Schema schema = x.schema();
    List<Object> forms = new ArrayList<>(values.size() * 2);
    List<Object> newRows = new ArrayList<>();
    List<Object[]> written = new ArrayList<>();
    for (int r = 0; r < values.size(); r++) {
      Object[] stored = stored(x, targets, targetPositions, values.get(r), 0, targetDefaults, now);
      if (table instanceof EntityTableModel entity) {
        CheckConstraints.check(x, entity, stored, now);
        Object id = newIds == null ? tempidPrefix + r : (Object) newIds.getAsLong();
        forms.add(newRow(entity, stored, id, rowKeys(entity)));
        forms.add(List.of(SQL_NEW, id));
        newRows.add(id);
      } else {
        ChildTableModel child = (ChildTableModel) table;
        forms.add(List.of(ADD, childOwner(x.db(), child, stored[0]), child.attribute().ident(),
            notNull(child, 1, stored[1])));
      }
      written.add(stored);
    }
    return new TxData(forms, values.size(), newRows, written);
  }

  /**
   * A new row's stored values in the table's column order (null where not written): the values
   * of {@code columns} (at table positions {@code at}) from {@code values[from…]}, converted,
   * references checked.
   */
  private Object[] stored(SqlExecution x, List<Column> columns, int[] at, Object[] values, int from, int[] defaults,
      long now) {
    Object[] stored = new Object[table.columns().size()];
    for (int p : defaults) {
      Column c = table.columns().get(p);
      stored[p] = ColumnDefaults.stored(c, ColumnDefaults.value(c.declared().defaultValue(), now), x.schema(), x.db());
    }
    // values first, then references: a value a column cannot hold is a 22 before a missing key is a 23
    for (int pass = 0; pass < 2; pass++) {
      for (int i = 0; i < columns.size(); i++) {
        Column c = columns.get(i);
        if ((c.key() != null) != (pass == 1)) {
          continue;
        }
        Object v = WriteValues.toStored(c, x.schema(), x.db(), values[from + i]);
        stored[at[i]] = v;
        if (v != null && c.type() == ValueType.REF && !c.enumRef()) {
          checkReference(x.db(), c, (Long) v);
        }
      }
    }
    return stored;
  }

  /** A new entity's map form: its non-NULL values; a row of no member attribute is refused. */
  private static Map<Object, Object> newRow(EntityTableModel entity, Object[] stored, Object id, Object[] keys) {
    Attribute marker = entity.marker(); // a row of a table created in SQL, even with every column NULL
    boolean member = marker != null;
    for (int c = 0; c < stored.length && !member; c++) {
      member = stored[c] != null && entity.members().contains(entity.columns().get(c).attribute());
    }
    for (int c = 0; c < stored.length; c++) {
      if (stored[c] == null) {
        notNullColumn(entity, entity.columns().get(c));
      }
    }
    if (!member) {
      throw new DatoliteException(SqlState.NOT_NULL_VIOLATION, "a new row of " + entity.name() + " needs a value in "
          + (entity.membership() ? "one of its membership columns (" + memberColumns(entity) + ")"
              : "at least one column") + ": an entity without any of them is no row of the table");
    }
    return new RowMap(keys, id, stored);
  }

  /** The keys of the new rows' map forms: {@code :db/id}, the marker (or null), the columns' attributes (or null). */
  private Object[] rowKeys(EntityTableModel entity) {
    Object[] keys = rowKeys;
    if (keys == null) {
      keys = new Object[entity.columns().size() + 2];
      keys[0] = DB_ID;
      keys[1] = entity.marker() == null ? null : entity.marker().ident();
      for (int c = 0; c < entity.columns().size(); c++) {
        Attribute a = entity.columns().get(c).attribute();
        keys[c + 2] = a == null ? null : a.ident();
      }
      rowKeys = keys;
    }
    return keys;
  }

  /** A column declared NOT NULL (an attribute's, not DB_ID) refuses NULL: 23502. */
  private static void notNullColumn(TableModel table, Column c) {
    if (!c.nullable() && c.kind() == ColumnKind.ATTRIBUTE) {
      throw new DatoliteException(SqlState.NOT_NULL_VIOLATION, "null value in column " + c.name() + " of table "
          + table.name() + " violates its NOT NULL constraint");
    }
  }

  private static String memberColumns(EntityTableModel entity) {
    List<String> names = new ArrayList<>();
    for (Column c : entity.columns()) {
      if (c.attribute() != null && entity.members().contains(c.attribute())) {
        names.add(c.name());
      }
    }
    return names.isEmpty() ? "none is a column" : String.join(", ", names);
  }

  private static Object notNull(TableModel t, int column, Object v) {
    if (v == null) {
      throw new DatoliteException(SqlState.NOT_NULL_VIOLATION, "column " + t.columns().get(column).name() + " of "
          + t.name() + " cannot be NULL");
    }
    return v;
  }

  /** The owner of a child table's row: an entity that exists. */
  private static Long childOwner(Db db, ChildTableModel child, Object owner) {
    Long id = (Long) notNull(child, 0, owner);
    if (db.first(Index.EAVT, id) == null) {
      throw new DatoliteException(SqlState.FOREIGN_KEY_VIOLATION, "column " + child.columns().get(0).name() + " of "
          + child.name() + " names entity " + id + ", which is no row of " + child.owner());
    }
    return id;
  }

  /** A ref column's value names an entity that exists (SQL's foreign key). */
  private static void checkReference(Db db, Column c, long id) {
    if (db.first(Index.EAVT, id) == null) {
      throw new DatoliteException(SqlState.FOREIGN_KEY_VIOLATION, "column " + c.name() + " references entity " + id
          + ", which does not exist");
    }
  }

  // ---- UPDATE and DELETE -----------------------------------------------------------------------

  private TxData update(SqlExecution x, Object[] params, long now) {
    Schema schema = x.schema();
    // A SET of a literal or parameter is converted once, before any row is read: a value the
    // column cannot hold fails even when no row matches, as in PostgreSQL. (A keyed reference
    // looks its key up per row: a missing key fails only a row that takes it.)
    Object[] given = new Object[targets.size()];
    for (int i = 0; i < targets.size(); i++) {
      Operand o = increments != null && increments[i] != null ? increments[i].delta() : sets[i];
      if (o != null && targets.get(i).key() == null) {
        given[i] = WriteValues.toStored(targets.get(i), schema, x.db(), o.parameter() < 0 ? o.literal() : params[o.parameter()]);
      }
    }
    List<Object[]> matched = sourceRows(x, params, now);
    List<Object> forms = new ArrayList<>();
    for (Object[] row : matched) {
      Object[] next = new Object[targets.size()];
      int computed = keyColumns;
      for (int i = 0; i < targets.size(); i++) {
        if (increments != null && increments[i] != null) {
          Object delta = given[i];
          next[i] = delta == null ? null : increments[i].negate() ? negate(delta) : delta;
          continue;
        }
        if (sets[i] != null && targets.get(i).key() == null) {
          next[i] = given[i];
        } else {
          Object v = sets[i] == null ? row[computed++]
              : sets[i].parameter() < 0 ? sets[i].literal() : params[sets[i].parameter()];
          next[i] = WriteValues.toStored(targets.get(i), schema, x.db(), v);
        }
        if (next[i] == null) {
          notNullColumn(table, targets.get(i));
        }
        if (next[i] != null && targets.get(i).type() == ValueType.REF && !targets.get(i).enumRef()
            && targets.get(i).kind() == ColumnKind.ATTRIBUTE) {
          checkReference(x.db(), targets.get(i), (Long) next[i]);
        }
      }
      if (table instanceof EntityTableModel entity) {
        long e = (Long) row[0];
        if (!entity.checks().isEmpty()) {
          Object[] after = CheckConstraints.currentRow(x, entity, e);
          for (int i = 0; i < targets.size(); i++) {
            boolean increment = increments != null && increments[i] != null;
            after[targetPositions[i]] = increment ? plus(after[targetPositions[i]], next[i]) : next[i];
          }
          CheckConstraints.check(x, entity, after, now);
        }
        for (int i = 0; i < targets.size(); i++) {
          Keyword a = targets.get(i).attribute().ident();
          forms.add(next[i] == null ? List.of(RETRACT, e, a)
              : increments != null && increments[i] != null ? List.of(SQL_INCREMENT, e, a, next[i])
              : List.of(ADD, e, a, next[i]));
        }
      } else {
        ChildTableModel child = (ChildTableModel) table;
        Object owner = row[0];
        Object value = WriteValues.toStored(child.columns().get(1), schema, x.db(), row[1]);
        Object newOwner = owner;
        Object newValue = value;
        for (int i = 0; i < targets.size(); i++) {
          if (targets.get(i).kind() == ColumnKind.OWNER_ID) {
            newOwner = childOwner(x.db(), child, next[i]);
          } else {
            newValue = notNull(child, 1, next[i]);
          }
        }
        if (!newOwner.equals(owner) || !Values.equals(newValue, value)) {
          forms.add(List.of(RETRACT, owner, child.attribute().ident(), value));
          forms.add(List.of(ADD, newOwner, child.attribute().ident(), newValue));
        }
      }
    }
    return new TxData(forms, matched.size(), List.of(), List.of());
  }

  /** A stored number plus an increment of its type (a missing value stays missing). */
  private static Object plus(Object v, Object delta) {
    if (v == null || delta == null) {
      return v;
    }
    if (v instanceof Long l) {
      return Math.addExact(l, (Long) delta);
    }
    if (v instanceof BigInteger b) {
      return b.add((BigInteger) delta);
    }
    if (v instanceof BigDecimal d) {
      return d.add((BigDecimal) delta);
    }
    return v instanceof Double d ? (Object) (d + (Double) delta) : (Object) ((Float) v + (Float) delta);
  }

  /** The negation of a stored number. */
  private static Object negate(Object v) {
    if (v instanceof Long l) {
      if (l == Long.MIN_VALUE) {
        throw new DatoliteException(SqlState.NUMERIC_VALUE_OUT_OF_RANGE, "subtracting " + l + " is out of range");
      }
      return -l;
    }
    if (v instanceof BigInteger b) {
      return b.negate();
    }
    if (v instanceof BigDecimal d) {
      return d.negate();
    }
    return v instanceof Double d ? (Object) (-d) : (Object) (-(Float) v);
  }

  /**
   * A MERGE: its query gives each source row with the target row it matched ({@code DB_ID}, or
   * NULL), then the UPDATE's values, then the INSERT's. A matched row is updated, an unmatched one
   * inserted; a target row matched twice is an error (21000), as in PostgreSQL.
   */
  private TxData merge(SqlExecution x, Object[] params, long now, String tempidPrefix, LongSupplier newIds) {
    List<Object[]> matched = sourceRows(x, params, now);
    EntityTableModel entity = (EntityTableModel) table;
    List<Object> forms = new ArrayList<>();
    List<Object> newRows = new ArrayList<>();
    List<Object[]> inserted = new ArrayList<>();
    Set<Long> seen = new HashSet<>();
    int count = 0;
    for (Object[] row : matched) {
      if (row[0] != null) {
        long e = (Long) row[0];
        if (!seen.add(e)) {
          throw new DatoliteException(SqlState.CARDINALITY_VIOLATION, "MERGE would change row " + e + " of "
              + table.name() + " twice: two source rows match it; make the ON condition match each target row once");
        }
        if (targets.isEmpty()) {
          continue; // no WHEN MATCHED
        }
        Object[] after = entity.checks().isEmpty() ? null : CheckConstraints.currentRow(x, entity, e);
        for (int i = 0; i < targets.size(); i++) {
          Object v = WriteValues.toStored(targets.get(i), x.schema(), x.db(), row[1 + i]);
          Keyword a = targets.get(i).attribute().ident();
          forms.add(v == null ? List.of(RETRACT, e, a) : List.of(ADD, e, a, v));
          if (after != null) {
            after[targetPositions[i]] = v;
          }
        }
        if (after != null) {
          CheckConstraints.check(x, entity, after, now);
        }
        count++;
      } else if (!insertTargets.isEmpty()) {
        Object[] stored = stored(x, insertTargets, insertPositions, row, 1 + targets.size(), insertDefaults, now);
        CheckConstraints.check(x, entity, stored, now);
        Object id = newIds == null ? tempidPrefix + newRows.size() : (Object) newIds.getAsLong();
        forms.add(newRow(entity, stored, id, rowKeys(entity)));
        forms.add(List.of(SQL_NEW, id));
        newRows.add(id);
        inserted.add(stored);
        count++;
      }
    }
    return new TxData(forms, count, newRows, inserted);
  }

  private TxData delete(SqlExecution x, Object[] params, long now) {
    List<Object[]> matched = sourceRows(x, params, now);
    List<Object> forms = new ArrayList<>(matched.size());
    if (table instanceof EntityTableModel entity) {
      for (long e : deleted(x, entity, matched)) {
        forms.add(List.of(RETRACT_ENTITY, e));
      }
    } else if (table instanceof ChildTableModel child) {
      for (Object[] row : matched) {
        forms.add(List.of(RETRACT, row[0], child.attribute().ident(),
            WriteValues.toStored(child.columns().get(1), x.schema(), x.db(), row[1])));
      }
    }
    return new TxData(forms, matched.size(), List.of(), List.of());
  }

  /**
   * The rows a DELETE of {@code matched} removes, as SQL's foreign keys say: the matched rows, and
   * through every column declared {@code REFERENCES … ON DELETE CASCADE} the rows that point to a
   * removed one, again and again. A column declared {@code ON DELETE SET NULL} loses its value with
   * the row it pointed to (every reference to a retracted entity is retracted). Any other
   * ({@code NO ACTION}) column that points to a removed row from a row that stays fails the
   * DELETE ({@code 23503}). Each lookup of the rows pointing to one is a read of the statement.
   */
  private static Set<Long> deleted(SqlExecution x, EntityTableModel entity, List<Object[]> matched) {
    SqlModel model = SqlModel.cached(x.schema());
    Set<Long> deleted = new LinkedHashSet<>();
    Map<Long, EntityTableModel> tableOf = new HashMap<>();
    Deque<Long> work = new ArrayDeque<>();
    for (Object[] row : matched) {
      long e = (Long) row[0];
      if (deleted.add(e)) {
        tableOf.put(e, entity);
        work.add(e);
      }
    }
    while (!work.isEmpty()) {
      long e = work.poll();
      for (Column c : model.referencing(tableOf.get(e))) {
        if (!model.onDelete(c).equals("CASCADE")) {
          continue;
        }
        EntityTableModel from = model.entityTableOf(c.attribute().id());
        for (long child : pointingTo(x, e, c)) {
          if (from != null && deleted.add(child)) {
            tableOf.put(child, from);
            work.add(child);
          }
        }
      }
    }
    for (long e : deleted) {
      EntityTableModel t = tableOf.get(e);
      for (Column c : model.referencing(t)) {
        if (!model.onDelete(c).equals("NO ACTION")) {
          continue;
        }
        for (long other : pointingTo(x, e, c)) {
          if (!deleted.contains(other)) {
            throw new DatoliteException(SqlState.FOREIGN_KEY_VIOLATION, "delete on table " + t.name()
                + " violates a foreign key: row " + e + " is still referenced from column " + c.name() + " ("
                + c.attribute().ident() + ") of row " + other + "; delete or change the referencing rows first,"
                + " or declare the reference ON DELETE CASCADE or SET NULL");
          }
        }
      }
    }
    return deleted;
  }

  /** The rows whose column {@code c} points to row {@code e}; a read of the statement. */
  private static List<Long> pointingTo(SqlExecution x, long e, Column c) {
    if (x.readLog() != null) {
      x.readLog().value(c.attribute(), e);
    }
    List<Long> out = new ArrayList<>();
    for (Iterator<Datom> it = x.db().datoms(Index.VAET, e, c.attribute().id()); it.hasNext(); ) {
      out.add(it.next().e());
    }
    return out;
  }

  @Override
  public String toString() {
    return kind + " " + table.name() + (source == null ? "" : " from " + source.sql());
  }
}
