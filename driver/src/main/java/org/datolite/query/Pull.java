package org.datolite.query;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.datolite.DatoliteException;
import org.datolite.datom.Datom;
import org.datolite.datom.Index;
import org.datolite.edn.Edn;
import org.datolite.edn.EdnException;
import org.datolite.edn.EdnList;
import org.datolite.edn.Symbol;
import org.datolite.error.SqlState;
import org.datolite.schema.Attribute;
import org.datolite.schema.Bootstrap;
import org.datolite.schema.Cardinality;
import org.datolite.storage.db.AttributeLookup;
import org.datolite.value.Keyword;

/**
 * Datomic's pull: a pattern of attributes, evaluated on one entity into a map keyed by attribute
 * idents. Supported: {@code *} (every attribute; components pulled in full), attribute names,
 * reverse names ({@code :person/_friend}), {@code :db/id}, maps of a ref attribute to a nested
 * pattern or to a recursion limit ({@code ...} or a number), and attribute options
 * {@code [:attr :as name :limit n :default value]} (or the list form {@code (:attr :limit n)}).
 * A ref without a nested pattern pulls as {@code {:db/id id}}; cardinality-many values as lists
 * (at most 1,000 unless {@code :limit} says otherwise, {@code :limit nil} for all); attributes the
 * entity lacks are left out.
 */
public final class Pull {
  private static final Keyword DB_ID = Keyword.of("db", "id");
  /** How many values of a cardinality-many attribute a pull returns unless {@code :limit} says otherwise (Datomic's default). */
  private static final int DEFAULT_LIMIT = 1000;
  /** How deep pull patterns may nest or recurse (54001 past it). */
  private static final int MAX_DEPTH = 100;
  /**
   * Entities from which a pull of plain attribute idents reads each attribute through one merge
   * cursor over the sorted entities instead of a seek per entity and attribute. No benchmark set
   * the value; DatalogVsPostgres's "pull many (1,000)" (docs/performance.md) measures the merge
   * far above it.
   */
  private static final int MERGE_AT_LEAST = 16;
  /**
   * The most idents a pull of many entities reads at once (to show the idents of ref targets
   * without a seek per ref); with more, it seeks per ref. No benchmark set it: it bounds the map.
   */
  private static final int IDENTS_AT_ONCE = 100_000;

  private final QueryDatabase db;
  /** What each spec of the pattern says, worked out once for many entities. */
  private final Map<Object, Options> parsedOptions = new IdentityHashMap<>();
  /** Pulling many: every entity with an ident, read once (they are few) instead of a seek per ref. */
  private boolean many;
  private Map<Long, Object> idents;

  private Pull(QueryDatabase db) {
    this.db = db;
  }

  /** Pulls many entities by one pattern, sharing the pattern's parsing. */
  public static List<Map<Object, Object>> pullMany(QueryDatabase db, Object pattern, List<Long> entities) {
    List<Map<Object, Object>> merged = mergedPull(db, pattern, entities);
    if (merged != null) {
      return merged;
    }
    Pull pull = new Pull(db);
    pull.many = true;
    List<Map<Object, Object>> out = new ArrayList<>(entities.size());
    for (Long e : entities) {
      out.add(e == null ? null : pull.entity(pattern, e, 0, null));
    }
    return out;
  }

  /**
   * Many entities by a pattern of plain attribute idents, read attribute by attribute: each
   * attribute's AEVT datoms for the sorted entities through one cursor that skips forward (a
   * merge), instead of a seek per entity and attribute. Null when the pattern asks for more
   * (wildcard, nesting, reverse refs, options) or the entities are few.
   */
  private static List<Map<Object, Object>> mergedPull(QueryDatabase db, Object pattern, List<Long> entities) {
    if (!(pattern instanceof List<?> specs) || entities.size() < MERGE_AT_LEAST || entities.contains(null)) {
      return null;
    }
    List<Attribute> attrs = new ArrayList<>();
    for (Object spec : specs) {
      if (!(spec instanceof Keyword k) || k.name().startsWith("_") || k.equals(DB_ID)) {
        return null;
      }
      Attribute attr = db.resolver().attribute(k);
      if (attr == null) {
        throw new DatoliteException(SqlState.UNDEFINED_COLUMN, "pull pattern names unknown attribute " + k);
      }
      attrs.add(attr);
    }
    long[] sorted = entities.stream().mapToLong(Long::longValue).sorted().distinct().toArray();
    Map<Long, Map<Object, Object>> maps = new HashMap<>(sorted.length * 2);
    for (long e : sorted) {
      maps.put(e, new LinkedHashMap<>());
    }
    Pull pull = new Pull(db);
    pull.many = true;
    for (Attribute attr : attrs) {
      AttributeLookup lookup = new AttributeLookup(db.db(),
          Index.AEVT, attr.id(), sorted[0], sorted[sorted.length - 1]);
      boolean many = attr.cardinality() == Cardinality.MANY;
      for (long e : sorted) {
        List<Datom> datoms = lookup.datoms(e);
        if (datoms.isEmpty()) {
          continue;
        }
        List<Object> values = new ArrayList<>(Math.min(datoms.size(), many ? DEFAULT_LIMIT : 1));
        for (Datom d : datoms) {
          if (values.size() == (many ? DEFAULT_LIMIT : 1)) {
            break;
          }
          values.add(attr.isRef() ? pull.ref((Long) d.v()) : d.v());
        }
        maps.get(e).put(attr.ident(), many ? values : values.get(0));
      }
    }
    List<Map<Object, Object>> out = new ArrayList<>(entities.size());
    Set<Long> given = new HashSet<>();
    for (Long e : entities) {
      Map<Object, Object> m = maps.get(e);
      out.add(given.add(e) ? m : new LinkedHashMap<>(m)); // a repeated entity gets its own map
    }
    return out;
  }

  private Options parsed(Object spec) {
    Options o = parsedOptions.get(spec);
    if (o == null) {
      o = options(spec);
      parsedOptions.put(spec, o);
    }
    return o;
  }

  /** Parses a pattern from EDN text. */
  public static Object parse(String pattern) {
    if (pattern == null) {
      throw new DatoliteException(SqlState.SYNTAX_ERROR, "the pull pattern is null; expected [:attr …] or [*]");
    }
    try {
      Object form = Edn.read(pattern);
      if (!(form instanceof List<?>)) {
        throw new DatoliteException(SqlState.SYNTAX_ERROR, "pull pattern " + pattern + " is not a vector; expected [:attr …] or [*]");
      }
      return form;
    } catch (EdnException e) {
      throw new DatoliteException(SqlState.SYNTAX_ERROR, "pull pattern: " + e.getMessage(), e);
    }
  }

  public static Map<Object, Object> pull(QueryDatabase db, Object pattern, long entity) {
    return new Pull(db).entity(pattern, entity, 0, null);
  }

  private Map<Object, Object> entity(Object pattern, long e, int depth, Recursion recursion) {
    if (!(pattern instanceof List<?> specs)) {
      throw new DatoliteException(SqlState.SYNTAX_ERROR, "pull pattern " + Edn.write(pattern) + " is not a vector");
    }
    if (depth > MAX_DEPTH) {
      throw new DatoliteException(SqlState.STATEMENT_TOO_COMPLEX, "pull nests deeper than " + MAX_DEPTH + " levels; bound the recursion");
    }
    Map<Object, Object> out = new LinkedHashMap<>();
    for (Object spec : specs) {
      if (spec instanceof Symbol s && s.toString().equals("*")) {
        wildcard(e, out, depth);
      } else if (spec instanceof Map<?, ?> map) {
        for (Map.Entry<?, ?> m : map.entrySet()) {
          Options o = parsed(m.getKey());
          Object sub = m.getValue();
          if (sub instanceof Symbol s && s.toString().equals("...") || sub instanceof Long) {
            if (sub instanceof Long n && n < 1) {
              throw new DatoliteException(SqlState.SYNTAX_ERROR, "pull recursion {" + Edn.write(m.getKey()) + " " + n + "} must"
                  + " recurse a positive number of levels, or ... for no bound");
            }
            int limit = sub instanceof Long n ? (int) Math.min(n, Integer.MAX_VALUE) : Integer.MAX_VALUE;
            Recursion r = recursion != null && recursion.attr.equals(o.attr) ? recursion.deeper()
                : new Recursion(o.attr, limit, 1, specs);
            if (r.level > r.limit) {
              continue;
            }
            attribute(e, o, r.pattern, out, depth, r);
          } else {
            attribute(e, o, sub, out, depth, null);
          }
        }
      } else {
        attribute(e, parsed(spec), null, out, depth, null);
      }
    }
    return out;
  }

  private void wildcard(long e, Map<Object, Object> out, int depth) {
    out.put(DB_ID, e);
    Map<Long, List<Object>> values = new LinkedHashMap<>();
    for (Iterator<Datom> it = db.db().datoms(Index.EAVT, e); it.hasNext();) {
      Datom d = it.next();
      values.computeIfAbsent(d.a(), k -> new ArrayList<>()).add(d.v());
    }
    for (Map.Entry<Long, List<Object>> v : values.entrySet()) {
      Attribute attr = db.resolver().attribute(v.getKey());
      if (attr == null) {
        continue;
      }
      List<Object> shown = new ArrayList<>();
      for (Object value : v.getValue()) {
        shown.add(attr.isRef() ? (attr.component() ? entity(List.of(Symbol.of("*")), (Long) value, depth + 1, null)
            : ref((Long) value)) : value);
      }
      out.put(attr.ident(), attr.cardinality() == Cardinality.MANY ? shown : shown.get(0));
    }
  }

  private void attribute(long e, Options o, Object sub, Map<Object, Object> out, int depth, Recursion recursion) {
    if (o.attr.equals(DB_ID)) {
      out.put(o.as != null ? o.as : DB_ID, e);
      return;
    }
    boolean reverse = o.attr.name().startsWith("_");
    Keyword forward = reverse ? Keyword.of(o.attr.namespace(), o.attr.name().substring(1)) : o.attr;
    Attribute attr = db.resolver().attribute(forward);
    if (attr == null) {
      throw new DatoliteException(SqlState.UNDEFINED_COLUMN, "pull pattern names unknown attribute " + forward);
    }
    if (reverse && !attr.isRef()) {
      throw new DatoliteException(SqlState.UNDEFINED_COLUMN, "pull pattern: reverse " + o.attr + " needs " + forward + " to be a ref");
    }
    List<Object> values = new ArrayList<>();
    // ids already: straight to storage, without resolving them again
    Iterator<Datom> datoms = reverse ? db.db().datoms(Index.VAET, e, attr.id())
        : db.db().datoms(Index.EAVT, e, attr.id());
    boolean many = reverse ? !attr.component() : attr.cardinality() == Cardinality.MANY;
    int limit = many ? o.limit : 1;
    while (datoms.hasNext()) {
      Datom d = datoms.next();
      if (values.size() >= limit) {
        break;
      }
      long target = reverse ? d.e() : attr.isRef() ? (Long) d.v() : -1;
      if (reverse || attr.isRef()) {
        values.add(sub != null ? entity(sub, target, depth + 1, recursion) : ref(target));
      } else {
        values.add(d.v());
      }
    }
    Object key = o.as != null ? o.as : o.attr;
    if (values.isEmpty()) {
      if (o.hasDefault) {
        out.put(key, o.defaultValue);
      }
      return;
    }
    out.put(key, many ? values : values.get(0));
  }

  /** A ref without a nested pattern: its id, and its ident when it has one (an enum). */
  private Map<Object, Object> ref(long id) {
    Map<Object, Object> m = new LinkedHashMap<>();
    m.put(DB_ID, id);
    if (many && idents == null && db.estimateCount(Index.AEVT, Bootstrap.IDENT) <= IDENTS_AT_ONCE) {
      idents = new HashMap<>();
      for (Iterator<Datom> it = db.db().datoms(Index.AEVT, Bootstrap.IDENT); it.hasNext();) {
        Datom d = it.next();
        idents.put(d.e(), d.v());
      }
    }
    if (idents != null) {
      Object ident = idents.get(id);
      if (ident != null) {
        m.put(Keyword.of("db", "ident"), ident);
      }
      return m;
    }
    Iterator<Datom> ident = db.db().datoms(Index.EAVT, id, Bootstrap.IDENT);
    if (ident.hasNext()) {
      m.put(Keyword.of("db", "ident"), ident.next().v());
    }
    return m;
  }

  private record Recursion(Keyword attr, int limit, int level, List<?> pattern) {
    Recursion deeper() {
      return new Recursion(attr, limit, level + 1, pattern);
    }
  }

  private static final class Options {
    Keyword attr;
    Object as;
    int limit = DEFAULT_LIMIT;
    boolean hasDefault;
    Object defaultValue;
  }

  private static Options options(Object spec) {
    Options o = new Options();
    List<?> parts = spec instanceof List<?> l ? l : spec instanceof EdnList el ? el.elements() : null;
    if (spec instanceof Keyword k) {
      o.attr = k;
      return o;
    }
    if (parts == null || parts.isEmpty() || !(parts.get(0) instanceof Keyword k) || parts.size() % 2 != 1) {
      throw new DatoliteException(SqlState.SYNTAX_ERROR, "pull pattern element " + Edn.write(spec)
          + " is not an attribute, * , a map {:ref pattern} or [:attr :as x :limit n :default v]");
    }
    o.attr = k;
    for (int i = 1; i < parts.size(); i += 2) {
      Object option = parts.get(i);
      Object value = parts.get(i + 1);
      if (Keyword.of("as").equals(option)) {
        o.as = value;
      } else if (Keyword.of("limit").equals(option)) {
        if (value == null) {
          o.limit = Integer.MAX_VALUE;
        } else if (value instanceof Long n && n > 0) {
          o.limit = (int) Math.min(n, Integer.MAX_VALUE);
        } else {
          throw new DatoliteException(SqlState.SYNTAX_ERROR, "pull :limit " + Edn.write(value) + " must be a positive integer or nil");
        }
      } else if (Keyword.of("default").equals(option)) {
        o.hasDefault = true;
        o.defaultValue = value;
      } else {
        throw new DatoliteException(SqlState.SYNTAX_ERROR, "pull attribute option " + Edn.write(option)
            + " is unknown; expected :as, :limit or :default");
      }
    }
    return o;
  }
}
