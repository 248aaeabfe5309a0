package org.datolite.schema;

/** {@code :db.cardinality/one} or {@code :db.cardinality/many}. */
public enum Cardinality {
  ONE,
  MANY
}
