package org.datolite.transactor.tx;

import org.datolite.edn.Edn;
import org.datolite.schema.Attribute;
import org.datolite.value.Keyword;

/** How transaction data names an entity, before resolution to an id. */
sealed interface EntityRef {

  /** An existing entity id. */
  record Id(long id) implements EntityRef {
    @Override
    public String toString() {
      return Long.toString(id);
    }
  }

  /**
   * A tempid: a new entity unless a unique identity resolves it to an existing one. Map forms
   * without {@code :db/id} get an automatic one, which is not reported in the tempids map.
   */
  record Temp(String name, boolean automatic) implements EntityRef {
    @Override
    public String toString() {
      return automatic ? "a new entity (" + name + ")" : "tempid \"" + name + "\"";
    }
  }

  /** An ident such as {@code :status/active}. */
  record Ident(Keyword ident) implements EntityRef {
    @Override
    public String toString() {
      return ident.toString();
    }
  }

  /** A lookup ref {@code [unique-attribute value]}. */
  record Lookup(Attribute attribute, Object value) implements EntityRef {
    @Override
    public String toString() {
      return "[" + attribute.ident() + " " + Edn.describe(value) + "]";
    }
  }

  /** The transaction entity itself ({@code "datomic.tx"}). */
  record Tx() implements EntityRef {
    @Override
    public String toString() {
      return "the transaction entity";
    }
  }
}
