package org.datolite.schema;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import org.datolite.datom.Datom;
import org.datolite.datom.Index;
import org.datolite.storage.db.Db;
import org.datolite.value.Keyword;
import org.datolite.value.ValueType;

/**
 * The schema of a database value: its attributes and every ident, read from the database
 * itself (schema is data). Immutable; the transactor makes a new one after each transaction
 * that changes schema facts.
 *
 * <p>An entity is an attribute when it has an ident, a value type and a cardinality; any entity
 * with an ident (attribute or not, e.g. an enum value) can be named by its ident, and by the
 * idents it had before a rename, as long as no other entity has taken them.
 */
public final class Schema {
  private final Map<Long, Attribute> byId;
  private final Map<Keyword, Long> entids;
  private final Map<Long, Keyword> idents;
  private final LongTable<Attribute> attributesById;
  private final LongTable<List<Attribute>> composites;
  private final Map<Long, SqlFacts> sqlFacts;
  private final SortedMap<String, String> views;
  private final Map<String, List<Attribute>> notNullByNamespace;

  private Schema(Map<Long, Attribute> byId, Map<Keyword, Long> entids, Map<Long, Keyword> idents,
      Map<Long, SqlFacts> sqlFacts, SortedMap<String, String> views) {
    this.byId = byId;
    this.attributesById = new LongTable<>(byId);
    this.entids = entids;
    this.idents = idents;
    this.sqlFacts = sqlFacts;
    this.views = views;
    Map<String, List<Attribute>> notNull = new HashMap<>();
    for (Map.Entry<Long, SqlFacts> e : sqlFacts.entrySet()) {
      Attribute a = byId.get(e.getKey());
      if (e.getValue().notNull() && !e.getValue().dropped() && a != null && a.ident().namespace() != null) {
        notNull.computeIfAbsent(a.ident().namespace(), k -> new ArrayList<>()).add(a);
      }
    }
    this.notNullByNamespace = Collections.unmodifiableMap(notNull);
    Map<Long, List<Attribute>> composites = new HashMap<>();
    for (Attribute a : byId.values()) {
      SqlFacts f = sqlFacts.get(a.id());
      if (f != null && f.dropped()) {
        continue; // a dropped key of several columns is no longer kept up to date
      }
      for (long component : a.tupleAttrs()) {
        composites.computeIfAbsent(component, k -> new ArrayList<>()).add(a);
      }
    }
    this.composites = new LongTable<>(composites);
  }

  /** The built-in schema alone (before the bootstrap transaction is readable from a database). */
  public static Schema bootstrap() {
    Map<Keyword, Long> entids = new HashMap<>();
    Map<Long, Keyword> idents = new HashMap<>();
    Map<Long, Attribute> byId = new HashMap<>();
    for (Attribute a : Bootstrap.ATTRIBUTES) {
      byId.put(a.id(), a);
      entids.put(a.ident(), a.id());
      idents.put(a.id(), a.ident());
    }
    for (Map.Entry<Long, Keyword> e : Bootstrap.ENUMS.entrySet()) {
      entids.put(e.getValue(), e.getKey());
      idents.put(e.getKey(), e.getValue());
    }
    return new Schema(Collections.unmodifiableMap(byId), Collections.unmodifiableMap(entids),
        Collections.unmodifiableMap(idents), Map.of(), Collections.emptySortedMap());
  }

  /**
   * The schema of {@code db}, read through AEVT and EAVT. A built-in attribute the database lacks
   * (a store created before it was added, see {@link Bootstrap#SQL_TABLE}) is taken from
   * {@link Bootstrap#ATTRIBUTES}, unless another entity holds its ident.
   */
  public static Schema of(Db db) {
    Map<Keyword, Long> entids = new HashMap<>();
    Map<Long, Keyword> idents = new HashMap<>();
    for (Iterator<Datom> it = db.datoms(Index.AEVT, Bootstrap.IDENT); it.hasNext(); ) {
      Datom d = it.next();
      entids.put((Keyword) d.v(), d.e());
      idents.put(d.e(), (Keyword) d.v());
    }
    // A renamed entity keeps answering to its old idents (as in Datomic) until another takes them.
    Map<Keyword, Long> current = new HashMap<>(entids);
    for (Iterator<Datom> it = db.history().datoms(Index.AEVT, Bootstrap.IDENT); it.hasNext(); ) {
      Datom d = it.next();
      if (!current.containsKey((Keyword) d.v()) && idents.containsKey(d.e())) {
        entids.put((Keyword) d.v(), d.e());
      }
    }
    Map<Long, Attribute> byId = new HashMap<>();
    for (Iterator<Datom> it = db.datoms(Index.AEVT, Bootstrap.VALUE_TYPE); it.hasNext(); ) {
      long e = it.next().e();
      Attribute a = read(db, e, idents.get(e));
      if (a != null) {
        byId.put(e, a);
      }
    }
    for (Attribute a : Bootstrap.ATTRIBUTES) {
      if (!byId.containsKey(a.id()) && !entids.containsKey(a.ident()) && !idents.containsKey(a.id())) {
        byId.put(a.id(), a);
        entids.put(a.ident(), a.id());
        idents.put(a.id(), a.ident());
      }
    }
    return new Schema(Collections.unmodifiableMap(byId), Collections.unmodifiableMap(entids),
        Collections.unmodifiableMap(idents), readSqlFacts(db, byId), readViews(db));
  }

  /** The {@code :db.sql/*} facts of every attribute that has some. */
  private static Map<Long, SqlFacts> readSqlFacts(Db db, Map<Long, Attribute> byId) {
    Map<Long, SqlFacts> out = new HashMap<>();
    for (long sqlAttribute = Bootstrap.SQL_TABLE; sqlAttribute <= Bootstrap.SQL_ON_DELETE; sqlAttribute++) {
      if (sqlAttribute == Bootstrap.SQL_VIEW || sqlAttribute == Bootstrap.SQL_VIEW_QUERY) {
        continue; // facts of views, which are no attributes
      }
      for (Iterator<Datom> it = db.datoms(Index.AEVT, sqlAttribute); it.hasNext(); ) {
        Datom d = it.next();
        if (byId.containsKey(d.e())) { // the transactor accepts these facts on attributes only
          out.put(d.e(), out.getOrDefault(d.e(), SqlFacts.NONE).with(sqlAttribute, d.v()));
        }
      }
    }
    return Collections.unmodifiableMap(out);
  }

  /** The views ({@code :db.sql/view} and {@code :db.sql/view-query}) by name, in name order. */
  private static SortedMap<String, String> readViews(Db db) {
    SortedMap<String, String> out = new TreeMap<>();
    for (Iterator<Datom> it = db.datoms(Index.AEVT, Bootstrap.SQL_VIEW); it.hasNext(); ) {
      Datom d = it.next();
      Iterator<Datom> query = db.datoms(Index.EAVT, d.e(), Bootstrap.SQL_VIEW_QUERY);
      if (query.hasNext()) {
        out.put((String) d.v(), (String) query.next().v());
      }
    }
    return Collections.unmodifiableSortedMap(out);
  }

  /** The attribute described by entity {@code e}'s facts in {@code db}, or null if incomplete. */
  public static Attribute read(Db db, long e, Keyword ident) {
    ValueType type = null;
    Cardinality cardinality = null;
    Uniqueness unique = Uniqueness.NONE;
    boolean indexed = false;
    boolean component = false;
    boolean noHistory = false;
    List<Long> tupleAttrs = List.of();
    ValueType tupleType = null;
    List<ValueType> tupleTypes = new ArrayList<>();
    String doc = null;
    for (Iterator<Datom> it = db.datoms(Index.EAVT, e); it.hasNext(); ) {
      Datom d = it.next();
      Object v = d.v();
      switch ((int) d.a()) {
        case (int) Bootstrap.VALUE_TYPE -> type = Bootstrap.typeOf((Long) v);
        case (int) Bootstrap.CARDINALITY -> cardinality =
            (Long) v == Bootstrap.CARDINALITY_MANY ? Cardinality.MANY : Cardinality.ONE;
        case (int) Bootstrap.UNIQUE -> unique =
            (Long) v == Bootstrap.UNIQUE_IDENTITY ? Uniqueness.IDENTITY : Uniqueness.VALUE;
        case (int) Bootstrap.INDEX -> indexed = (Boolean) v;
        case (int) Bootstrap.IS_COMPONENT -> component = (Boolean) v;
        case (int) Bootstrap.NO_HISTORY -> noHistory = (Boolean) v;
        case (int) Bootstrap.DOC -> doc = (String) v;
        case (int) Bootstrap.TUPLE_ATTRS -> tupleAttrs = longs((List<?>) v);
        case (int) Bootstrap.TUPLE_TYPE -> tupleType = Bootstrap.typeOf((Long) v);
        case (int) Bootstrap.TUPLE_TYPES -> {
          for (Long t : longs((List<?>) v)) {
            ValueType element = t == null ? null : Bootstrap.typeOf(t);
            if (element != null) {
              tupleTypes.add(element);
            }
          }
        }
        default -> { }
      }
    }
    if (ident == null || type == null || cardinality == null) {
      return null;
    }
    return new Attribute(e, ident, type, cardinality, unique, indexed || unique != Uniqueness.NONE, component,
        noHistory, tupleAttrs, tupleType, tupleTypes, doc);
  }

  private static List<Long> longs(List<?> tuple) {
    List<Long> out = new ArrayList<>(tuple.size());
    for (Object o : tuple) {
      out.add((Long) o);
    }
    return out;
  }

  /** The SQL mapping facts ({@code :db.sql/*}) of an attribute; {@link SqlFacts#NONE} if it has none. */
  public SqlFacts sqlFacts(long attribute) {
    return sqlFacts.getOrDefault(attribute, SqlFacts.NONE);
  }

  /** Whether any attribute has SQL facts. */
  public boolean hasSqlFacts() {
    return !sqlFacts.isEmpty();
  }

  /** The NOT NULL attributes ({@code :db.sql/not-null}, not dropped) of each namespace that has some. */
  public Map<String, List<Attribute>> notNullByNamespace() {
    return notNullByNamespace;
  }

  /** The SQL views by name ({@code :db.sql/view}), each its query text, in name order. */
  public SortedMap<String, String> views() {
    return views;
  }

  /** Every ident by its entity id (attributes, enum values, the built-in ones), current ones only. */
  public Map<Long, Keyword> identsById() {
    return idents;
  }

  /** The attribute with this id, or null. */
  public Attribute attribute(long id) {
    return attributesById.get(id);
  }

  /** The attribute with this ident, or null. */
  public Attribute attribute(Keyword ident) {
    Long id = entids.get(ident);
    return id == null ? null : byId.get(id);
  }

  /** The entity an ident names, or null. */
  public Long entid(Keyword ident) {
    return entids.get(ident);
  }

  /** The ident of an entity, or null. */
  public Keyword ident(long id) {
    return idents.get(id);
  }

  public Collection<Attribute> attributes() {
    return byId.values();
  }

  /** Whether an attribute's values are entity ids (its datoms enter VAET). */
  public boolean isRef(long attribute) {
    Attribute a = attributesById.get(attribute);
    return a != null && a.isRef();
  }

  /** The composite tuple attributes that include {@code attribute} (but those SQL dropped: {@code :db.sql/dropped}). */
  public List<Attribute> compositesOf(long attribute) {
    List<Attribute> of = composites.get(attribute);
    return of == null ? List.of() : of;
  }

  /** A readable name for an attribute or entity id in messages: its ident, else the number. */
  public String name(long id) {
    Keyword k = idents.get(id);
    return k != null ? k.toString() : Long.toString(id);
  }
}
