package org.datolite.cli.importer;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Decides how the source tables are written: which foreign keys become refs, the order of the
 * tables (a referenced table before the tables that reference it), and which references wait
 * until every table's rows are in (self-references, and the reference that closes a cycle).
 *
 * <p>A foreign key becomes a ref when it has one column and names the primary key, or a column
 * with a unique index, of a table that is imported too or that the target already has. Others
 * (several columns, another schema, a key that is no unique column, a key that is itself a
 * reference) stay plain columns with their values, and say so in a note. A reference to a table
 * that is neither imported nor in the target stops the import before anything is written.
 */
public final class ImportPlan {
  private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

  private ImportPlan() {}

  /**
   * The tables in the order they are created and copied.
   *
   * @param tables the source tables to import
   * @param targetTables the upper-case names of the tables the target has already
   */
  public static List<TablePlan> plan(List<SourceTable> tables, Set<String> targetTables) {
    Map<String, SourceTable> byName = new LinkedHashMap<>();
    for (SourceTable t : tables) {
      checkNames(t);
      byName.put(t.name(), t);
    }
    Map<String, Map<String, PlannedColumn.Reference>> refs = new HashMap<>();
    Map<String, List<String>> notes = new HashMap<>();
    for (SourceTable t : tables) {
      notes.put(t.name(), new ArrayList<>(t.notes()));
      refs.put(t.name(), references(t, byName, targetTables, notes.get(t.name())));
    }
    List<String> order = new ArrayList<>();
    Set<String> cycleClosing = new HashSet<>(); // "table/column" of references declared later
    order(byName, refs, order, cycleClosing);
    List<TablePlan> plans = new ArrayList<>();
    for (String name : order) {
      SourceTable t = byName.get(name);
      List<PlannedColumn> columns = new ArrayList<>();
      for (SourceColumn c : t.columns()) {
        ColumnType type = ColumnType.of(c);
        if (type == ColumnType.TEXT) {
          notes.get(name).add(c.name() + " (" + c.typeName() + ") is copied as text: Datolite has no such type");
        }
        PlannedColumn.Reference ref = refs.get(name).get(c.name());
        boolean self = ref != null && ref.table().equals(t.targetName());
        boolean later = cycleClosing.contains(name + "/" + c.name());
        if ((self || later) && !t.hasPrimaryKey()) {
          notes.get(name).add(c.name() + " references a row that may come later, and the table has no primary key to"
              + " set it by afterwards: copied as a plain column");
          ref = null;
          self = false;
          later = false;
        }
        columns.add(new PlannedColumn(c, type, ref, self || later, later));
      }
      plans.add(new TablePlan(t, columns, targetTables.contains(t.targetName()), notes.get(name)));
    }
    return plans;
  }

  private static void checkNames(SourceTable t) {
    if (!NAME.matcher(t.name()).matches()) {
      throw new ImportException("table " + t.name() + ": only names of letters, digits and underscores are imported"
          + " (Datolite's names are SQL identifiers); rename it or leave it out with --tables");
    }
    for (SourceColumn c : t.columns()) {
      if (!NAME.matcher(c.name()).matches() || "DB_ID".equalsIgnoreCase(c.name())) {
        throw new ImportException("table " + t.name() + ", column " + c.name() + ": only names of letters, digits and"
            + " underscores other than DB_ID (Datolite's entity id) are imported; rename it");
      }
    }
  }

  /** The columns of {@code t} that become refs, each with what it names. */
  private static Map<String, PlannedColumn.Reference> references(SourceTable t, Map<String, SourceTable> byName,
      Set<String> targetTables, List<String> notes) {
    Map<String, PlannedColumn.Reference> refs = new HashMap<>();
    for (ForeignKey fk : t.foreignKeys()) {
      String what = "foreign key " + (fk.name() == null ? "" : fk.name() + " ") + "(" + String.join(", ", fk.columns())
          + ") to " + fk.referencedTable();
      if (!fk.single()) {
        notes.add(what + " has several columns: copied as plain columns (a Datolite reference has one)");
        continue;
      }
      if (fk.referencedSchema() != null && t.schema() != null && !fk.referencedSchema().equals(t.schema())) {
        notes.add(what + " is in schema " + fk.referencedSchema() + ": copied as a plain column");
        continue;
      }
      String column = fk.columns().get(0);
      String key = fk.referencedColumns().get(0);
      SourceTable r = byName.get(fk.referencedTable());
      if (r == null) {
        if (!targetTables.contains(fk.referencedTable().toUpperCase(Locale.ROOT))) {
          throw new ImportException("table " + t.name() + " references " + fk.referencedTable() + " (" + what
              + "), which --tables leaves out and the target does not have: add " + fk.referencedTable()
              + " to --tables", true);
        }
      } else if (!(r.primaryKey().equals(List.of(key)) || r.uniqueColumns().contains(key))) {
        notes.add(what + " names " + key + ", which is no unique column: copied as a plain column");
        continue;
      } else if (isSingleKeyColumn(r, key) || !sameKind(t.column(column), r.column(key))) {
        notes.add(what + (isSingleKeyColumn(r, key) ? " names " + key + ", itself a reference"
            : " has a type other than its key's") + ": copied as a plain column");
        continue;
      }
      refs.put(column, new PlannedColumn.Reference(fk.name() == null ? null : constraintName(fk.name()),
          fk.referencedTable().toUpperCase(Locale.ROOT), key.toUpperCase(Locale.ROOT)));
    }
    return refs;
  }

  /** Whether {@code column} of {@code r} is the column of a foreign key of one column. */
  private static boolean isSingleKeyColumn(SourceTable r, String column) {
    return r.foreignKeys().stream().anyMatch(fk -> fk.single() && fk.columns().get(0).equals(column));
  }

  private static boolean sameKind(SourceColumn a, SourceColumn b) {
    ColumnType x = ColumnType.of(a);
    ColumnType y = ColumnType.of(b);
    Set<ColumnType> whole = Set.of(ColumnType.SMALLINT, ColumnType.INTEGER, ColumnType.BIGINT);
    return x == y || whole.contains(x) && whole.contains(y)
        || x.declaredName().equals(y.declaredName()) && x != ColumnType.TEXT && y != ColumnType.TEXT;
  }

  private static String constraintName(String name) {
    String n = name.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9_]", "_");
    return Character.isDigit(n.charAt(0)) ? "_" + n : n;
  }

  /**
   * Orders the tables so that a referenced table comes before those that reference it (names in
   * alphabetical order where that leaves a choice). Where only cycles are left, a table on one of
   * them goes next, and its references to tables still waiting close the cycle: they are declared
   * by ALTER TABLE after the tables exist, and written after every table's rows.
   */
  private static void order(Map<String, SourceTable> byName, Map<String, Map<String, PlannedColumn.Reference>> refs,
      List<String> order, Set<String> cycleClosing) {
    Map<String, String> byTarget = new HashMap<>();
    byName.values().forEach(t -> byTarget.put(t.targetName(), t.name()));
    Set<String> waiting = new TreeSet<>(byName.keySet());
    while (!waiting.isEmpty()) {
      String next = waiting.stream().filter(name -> waitsFor(name, refs, byTarget, waiting).isEmpty()).findFirst()
          .orElse(null);
      if (next == null) {
        next = onACycle(waiting.iterator().next(), refs, byTarget, waiting);
        for (Map.Entry<String, PlannedColumn.Reference> e : refs.get(next).entrySet()) {
          String r = byTarget.get(e.getValue().table());
          if (r != null && !r.equals(next) && waiting.contains(r)) {
            cycleClosing.add(next + "/" + e.getKey());
          }
        }
      }
      waiting.remove(next);
      order.add(next);
    }
  }

  /** The other waiting tables that {@code name} references, in name order. */
  private static List<String> waitsFor(String name, Map<String, Map<String, PlannedColumn.Reference>> refs,
      Map<String, String> byTarget, Set<String> waiting) {
    return refs.get(name).values().stream().map(r -> byTarget.get(r.table()))
        .filter(r -> r != null && !r.equals(name) && waiting.contains(r)).sorted().distinct().toList();
  }

  /**
   * A table on a cycle, found by following references from {@code start} (every waiting table
   * waits for another, so the walk comes back to a table it met: that one is on a cycle).
   */
  private static String onACycle(String start, Map<String, Map<String, PlannedColumn.Reference>> refs,
      Map<String, String> byTarget, Set<String> waiting) {
    Set<String> seen = new HashSet<>();
    String at = start;
    while (seen.add(at)) {
      at = waitsFor(at, refs, byTarget, waiting).get(0);
    }
    return at;
  }
}
