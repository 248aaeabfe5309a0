package org.datolite.transactor.tx;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.datolite.datom.Datom;
import org.datolite.datom.Index;
import org.datolite.schema.Attribute;
import org.datolite.schema.Bootstrap;
import org.datolite.schema.DeclaredType;
import org.datolite.schema.Schema;
import org.datolite.schema.SqlFacts;
import org.datolite.storage.db.Db;
import org.datolite.value.Keyword;
import org.datolite.value.ValueType;

/**
 * Checks the overrides of the SQL mapping ({@code :db.sql/*}, docs/sql.md) a transaction
 * asserts, on the database after it, so that a database never holds a mapping the SQL model
 * cannot follow:
 *
 * <ul>
 *   <li>they are facts of installed user attributes that have a namespace;
 *   <li>{@code :db.sql/table} is an unquoted SQL identifier, and one namespace has one table name,
 *       and one table name one namespace (compared ignoring case, as SQL names are);
 *   <li>{@code :db.sql/include} names attributes of other namespaces, not built-in ones;
 *   <li>{@code :db.sql/enum} is said of ref attributes only;
 *   <li>a declared {@code :db.sql/type} is a {@link DeclaredType} whose values the attribute holds,
 *       precision, scale and position are in range, NOT NULL and row markers are cardinality one
 *       (a marker boolean), {@code :db.sql/references} goes from a ref to a user attribute;
 *   <li>a view ({@code :db.sql/view}, {@code :db.sql/view-query}) is an entity of its own with a
 *       name that is an unquoted identifier and a query.
 * </ul>
 *
 * A rename ({@code :db/ident}) that would put two table names on one namespace, or one name on
 * two, is refused as well. Every refusal is {@link TxErrorCode#INVALID_SCHEMA}.
 */
final class SqlMappingCheck {
  /** An unquoted SQL identifier, as SQL names are written without quotes. */
  private static final Pattern TABLE_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,127}");

  private SqlMappingCheck() {}

  /** Whether the datoms need the check: they state SQL facts, or rename while some exist. */
  static boolean needed(List<Datom> datoms, Schema before) {
    for (Datom d : datoms) {
      if (Bootstrap.isSqlAttribute(d.a()) || d.a() == Bootstrap.IDENT && before.hasSqlFacts()) {
        return true;
      }
    }
    return false;
  }

  static void check(List<Datom> datoms, Db after) {
    Schema schema = Schema.of(after);
    for (Datom d : datoms) {
      if (d.added() && Bootstrap.isSqlAttribute(d.a())) {
        checkFact(d, schema, after);
      }
    }
    checkTableNames(schema);
  }

  private static void checkFact(Datom d, Schema schema, Db after) {
    String fact = schema.name(d.a());
    if (d.a() == Bootstrap.SQL_VIEW || d.a() == Bootstrap.SQL_VIEW_QUERY) {
      checkView(d, schema, after);
      return;
    }
    Attribute a = schema.attribute(d.e());
    if (a == null) {
      throw invalid(fact + " is asserted on " + schema.name(d.e()) + ", which is not an attribute; the SQL mapping"
          + " is overridden on attributes, e.g. {:db/id :person/name " + fact + " …}");
    }
    String ns = a.ident().namespace();
    if (ns == null) {
      throw invalid(fact + " of " + a.ident() + ": an attribute without a namespace has no table; the SQL"
          + " mapping is overridden on namespaced attributes");
    }
    Object v = d.v();
    if (d.a() == Bootstrap.SQL_TABLE && !TABLE_NAME.matcher((String) v).matches()) {
      throw invalid(":db.sql/table of " + a.ident() + " is \"" + v + "\"; a table name is an unquoted SQL"
          + " identifier: 1 to 128 letters (A-Z), digits and _, not starting with a digit");
    }
    if (d.a() == Bootstrap.SQL_ENUM && a.valueType() != ValueType.REF) {
      throw invalid(":db.sql/enum of " + a.ident() + ": only a ref attribute reads as an ident; "
          + a.ident() + " is " + a.valueType().ident());
    }
    checkDeclaration(d, a, schema);
    if (d.a() == Bootstrap.SQL_INCLUDE) {
      long target = (Long) v;
      Attribute included = schema.attribute(target);
      if (included == null) {
        throw invalid(":db.sql/include of " + a.ident() + " names " + schema.name(target)
            + ", which is not an attribute; include names attributes, e.g. :db.sql/include [:audit/created]");
      }
      String other = included.ident().namespace();
      if (target < Bootstrap.FIRST_FREE_DB_INDEX) {
        throw invalid(":db.sql/include of " + a.ident() + " names the built-in attribute " + included.ident()
            + "; built-in attributes are no columns (read them in DATOMS.*)");
      }
      if (ns.equals(other)) {
        throw invalid(":db.sql/include of " + a.ident() + " names " + included.ident() + ", of its own namespace "
            + ns + ", whose attributes are columns already (unless :db.sql/exclude says otherwise)");
      }
    }
  }

  /** What DDL declares of a column: a known type of the attribute's values, sizes, a key, a place. */
  private static void checkDeclaration(Datom d, Attribute a, Schema schema) {
    Object v = d.v();
    switch ((int) d.a()) {
      case (int) Bootstrap.SQL_TYPE -> {
        DeclaredType t = DeclaredType.named((String) v);
        if (t == null) {
          throw invalid(":db.sql/type of " + a.ident() + " is \"" + v + "\"; expected one of "
              + Arrays.toString(DeclaredType.values()));
        }
        if (a.valueType() != ValueType.REF && t.valueType() != a.valueType()) {
          throw invalid(":db.sql/type of " + a.ident() + " is " + t + ", whose values are " + t.valueType().ident()
              + "; " + a.ident() + " is " + a.valueType().ident());
        }
      }
      case (int) Bootstrap.SQL_PRECISION -> {
        if ((Long) v < 1 || (Long) v > 1000) {
          throw invalid(":db.sql/precision of " + a.ident() + " is " + v + "; expected 1 to 1000");
        }
      }
      case (int) Bootstrap.SQL_SCALE -> {
        if ((Long) v < 0 || (Long) v > 1000) {
          throw invalid(":db.sql/scale of " + a.ident() + " is " + v + "; expected 0 to 1000");
        }
      }
      case (int) Bootstrap.SQL_POSITION -> {
        if ((Long) v < 1) {
          throw invalid(":db.sql/position of " + a.ident() + " is " + v + "; a column's place counts from 1");
        }
      }
      case (int) Bootstrap.SQL_NOT_NULL, (int) Bootstrap.SQL_MARKER -> {
        if (a.isMany()) {
          throw invalid(schema.name(d.a()) + " of " + a.ident() + ": only a cardinality-one attribute is a column"
              + " that can be NOT NULL or mark rows");
        }
        if (d.a() == Bootstrap.SQL_MARKER && a.valueType() != ValueType.BOOLEAN) {
          throw invalid(":db.sql/marker of " + a.ident() + ": a row marker is a boolean attribute; " + a.ident()
              + " is " + a.valueType().ident());
        }
      }
      case (int) Bootstrap.SQL_CHECK -> {
        if (!schema.sqlFacts(a.id()).marker() || ((String) v).isBlank()) {
          throw invalid(":db.sql/check of " + a.ident() + " is \"" + v + "\"; a CHECK constraint is a boolean SQL"
              + " expression, on a table's row marker (:db.sql/marker)");
        }
      }
      case (int) Bootstrap.SQL_ID_COLUMN -> {
        if (!schema.sqlFacts(a.id()).marker() || !TABLE_NAME.matcher((String) v).matches()) {
          throw invalid(":db.sql/id-column of " + a.ident() + " is \"" + v + "\"; it names the entity-id column of a"
              + " table, on its row marker (:db.sql/marker), with an unquoted SQL identifier");
        }
      }
      case (int) Bootstrap.SQL_DEFAULT -> {
        if (((String) v).isBlank()) {
          throw invalid(":db.sql/default of " + a.ident() + " is empty; expected a SQL literal, e.g. \"0\" or \"'none'\"");
        }
      }
      case (int) Bootstrap.SQL_ON_DELETE -> {
        if (!v.equals("CASCADE") && !v.equals("SET NULL") || schema.sqlFacts(a.id()).references() == null) {
          throw invalid(":db.sql/on-delete of " + a.ident() + " is \"" + v + "\"; expected \"CASCADE\" or \"SET NULL\","
              + " on an attribute with :db.sql/references");
        }
      }
      case (int) Bootstrap.SQL_REFERENCES -> {
        Attribute key = schema.attribute((Long) v);
        if (a.valueType() != ValueType.REF) {
          throw invalid(":db.sql/references of " + a.ident() + ": only a ref attribute references rows; " + a.ident()
              + " is " + a.valueType().ident());
        }
        if (key == null || key.ident().namespace() == null || (Long) v < Bootstrap.FIRST_FREE_DB_INDEX) {
          throw invalid(":db.sql/references of " + a.ident() + " names " + schema.name((Long) v)
              + ", which is no user attribute; it names the key attribute of the referenced table");
        }
      }
      default -> { }
    }
  }

  /** A view is an entity of its own with a name that is an unquoted SQL identifier and a query. */
  private static void checkView(Datom d, Schema schema, Db after) {
    if (schema.attribute(d.e()) != null) {
      throw invalid(schema.name(d.a()) + " is asserted on the attribute " + schema.name(d.e())
          + "; a view is an entity of its own: {:db.sql/view \"V\" :db.sql/view-query \"SELECT …\"}");
    }
    Iterator<Datom> name = after.datoms(Index.EAVT, d.e(), Bootstrap.SQL_VIEW);
    Iterator<Datom> query = after.datoms(Index.EAVT, d.e(), Bootstrap.SQL_VIEW_QUERY);
    if (!name.hasNext() || !query.hasNext()) {
      throw invalid("a view needs both :db.sql/view (its name) and :db.sql/view-query (its query); entity "
          + d.e() + " has " + (name.hasNext() ? "no query" : "no name"));
    }
    String viewName = (String) name.next().v();
    if (!TABLE_NAME.matcher(viewName).matches()) {
      throw invalid(":db.sql/view is \"" + viewName + "\"; a view name is an unquoted SQL identifier: 1 to 128"
          + " letters (A-Z), digits and _, not starting with a digit");
    }
    if (((String) query.next().v()).isBlank()) {
      throw invalid(":db.sql/view-query of view " + viewName + " is empty; expected a SELECT");
    }
  }

  /** One table name per namespace, and one namespace per table name. */
  private static void checkTableNames(Schema schema) {
    Map<String, Map<String, Keyword>> namesByNamespace = new TreeMap<>();
    for (Attribute a : schema.attributes()) {
      SqlFacts f = schema.sqlFacts(a.id());
      if (f.table() != null && a.ident().namespace() != null) {
        namesByNamespace.computeIfAbsent(a.ident().namespace(), k -> new TreeMap<>())
            .putIfAbsent(f.table().toUpperCase(Locale.ROOT), a.ident());
      }
    }
    Map<String, List<String>> namespacesByName = new LinkedHashMap<>();
    for (Map.Entry<String, Map<String, Keyword>> e : namesByNamespace.entrySet()) {
      if (e.getValue().size() > 1) {
        List<String> said = new ArrayList<>();
        e.getValue().forEach((name, by) -> said.add(by + " says " + name));
        throw invalid("namespace " + e.getKey() + " is given two table names (" + String.join(", ", said)
            + "); one namespace has one table: retract all but one :db.sql/table");
      }
      Map.Entry<String, Keyword> only = e.getValue().entrySet().iterator().next();
      namespacesByName.computeIfAbsent(only.getKey(), k -> new ArrayList<>())
          .add(e.getKey() + " (by " + only.getValue() + ")");
    }
    for (Map.Entry<String, List<String>> e : namespacesByName.entrySet()) {
      if (e.getValue().size() > 1) {
        throw invalid("table name " + e.getKey() + " is given to two namespaces: " + String.join(" and ", e.getValue())
            + "; a table name names one table");
      }
    }
  }

  private static TxException invalid(String message) {
    return new TxException(TxErrorCode.INVALID_SCHEMA, message);
  }
}
