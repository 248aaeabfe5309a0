package org.datolite.calcite.model;

/** What a column of a table reads. */
public enum ColumnKind {
  /** The entity id of an entity table's row ({@code DB_ID}). */
  ENTITY_ID,
  /** The value of a cardinality-one attribute of the row's entity. */
  ATTRIBUTE,
  /** The entity id of a child table's owner ({@code PERSON_ID}). */
  OWNER_ID,
  /** One value of a cardinality-many attribute ({@code VALUE} of a child table). */
  VALUE,
  /** A raw datom's entity ({@code E}). */
  DATOM_E,
  /** A raw datom's attribute as its ident text ({@code A}). */
  DATOM_A,
  /** A raw datom's value as EDN text ({@code V}). */
  DATOM_V,
  /** A raw datom's transaction id ({@code TX}). */
  DATOM_TX,
  /** Whether a raw datom asserts ({@code ADDED}). */
  DATOM_ADDED,
  /** A transaction's basis {@code t} ({@code T} of TRANSACTIONS). */
  TX_T,
  /** A transaction's id ({@code TX} of TRANSACTIONS). */
  TX_ID,
  /** A transaction's {@code :db/txInstant} ({@code INSTANT} of TRANSACTIONS). */
  TX_INSTANT
}
