package org.datolite;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.datolite.datom.Datom;
import org.datolite.datom.Index;
import org.datolite.error.SqlState;
import org.datolite.schema.Attribute;
import org.datolite.schema.Cardinality;
import org.datolite.value.Keyword;

/**
 * A lazy, navigable view of one entity in one database value (Datomic's entity API): attributes
 * are read when asked for, refs come back as entities, and {@code :ns/_attr} follows a ref
 * attribute backwards (the entities that point here).
 */
public final class Entity {
  private final Database db;
  private final long id;

  Entity(Database db, long id) {
    this.db = db;
    this.id = id;
  }

  public long id() {
    return id;
  }

  public Database db() {
    return db;
  }

  /**
   * The value of an attribute: for cardinality one the value or null, for cardinality many a
   * set (empty if none); refs as entities (an enum as its ident keyword). With a reverse
   * attribute ({@code :person/_friend}), the set of entities whose ref points here.
   */
  public Object get(Object attribute) {
    Keyword k = attribute instanceof Keyword kw ? kw
        : attribute instanceof String s && s.startsWith(":") ? Keyword.of(s.substring(1)) : null;
    if (k != null && k.name().startsWith("_")) {
      Keyword forward = Keyword.of(k.namespace(), k.name().substring(1));
      Attribute attr = ref(forward, k);
      Set<Object> out = new LinkedHashSet<>();
      for (Datom d : db.datoms(Index.VAET, id, attr.id())) {
        out.add(new Entity(db, d.e()));
      }
      return out;
    }
    Attribute attr = db.attribute(k != null ? k : attribute);
    if (attr == null) {
      throw new DatoliteException(SqlState.UNDEFINED_COLUMN, "unknown attribute " + attribute);
    }
    List<Object> values = new ArrayList<>();
    for (Datom d : db.datoms(Index.EAVT, id, attr.id())) {
      values.add(attr.isRef() ? navigate((Long) d.v()) : d.v());
    }
    if (attr.cardinality() == Cardinality.MANY) {
      return new LinkedHashSet<>(values);
    }
    return values.isEmpty() ? null : values.get(0);
  }

  /** The attributes this entity has, by ident. */
  public Set<Keyword> keySet() {
    Set<Keyword> out = new LinkedHashSet<>();
    for (Datom d : db.datoms(Index.EAVT, id)) {
      Keyword ident = db.ident(d.a());
      if (ident != null) {
        out.add(ident);
      }
    }
    return out;
  }

  /** Every attribute and its value, as {@link #get} gives them (refs as entities, not followed further). */
  public Map<Keyword, Object> toMap() {
    Map<Keyword, Object> out = new LinkedHashMap<>();
    for (Keyword k : keySet()) {
      out.put(k, get(k));
    }
    return out;
  }

  private Object navigate(long target) {
    Keyword ident = db.ident(target);
    return ident != null ? ident : new Entity(db, target);
  }

  private Attribute ref(Keyword forward, Keyword asked) {
    Attribute attr = db.attribute(forward);
    if (attr == null || !attr.isRef()) {
      throw new DatoliteException(SqlState.UNDEFINED_COLUMN, "reverse attribute " + asked + " needs " + forward
          + " to be a ref attribute");
    }
    return attr;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Entity e && e.id == id && e.db == db;
  }

  @Override
  public int hashCode() {
    return Long.hashCode(id);
  }

  @Override
  public String toString() {
    return "#:db{:id " + id + "}";
  }
}
