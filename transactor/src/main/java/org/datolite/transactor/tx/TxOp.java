package org.datolite.transactor.tx;

import org.datolite.schema.Attribute;

/**
 * One operation of a transaction after expansion: map forms, nested maps, reverse attributes
 * and collections are already flattened. For a ref attribute the value is an {@link EntityRef};
 * otherwise it is a value of the attribute's type.
 */
sealed interface TxOp {

  /** {@code [:db/add e a v]}. */
  record Add(EntityRef e, Attribute a, Object v) implements TxOp {}

  /** {@code [:db/retract e a v]}, or every value of {@code a} when {@code v} is null. */
  record Retract(EntityRef e, Attribute a, Object v) implements TxOp {}

  /** {@code [:db/retractEntity e]}: every datom of e and every reference to it, components too. */
  record RetractEntity(EntityRef e) implements TxOp {}

  /** {@code [:db/cas e a old new]}; {@code old} null means "no value". */
  record Cas(EntityRef e, Attribute a, Object expected, Object v) implements TxOp {}

  /** {@code [:db/add e :db/ensure spec]}: check an entity spec on the db after. */
  record Ensure(EntityRef e, EntityRef spec) implements TxOp {}

  /**
   * {@code [:db.sql/new e]}: a tempid must become a new entity, never upsert (SQL's INSERT); an
   * entity id (one reserved with {@code :db.sql/reserve}) is created by this transaction.
   */
  record New(EntityRef e) implements TxOp {}

  /**
   * {@code [:db.sql/increment e a delta]}: add {@code delta} to the value of number attribute
   * {@code a} of {@code e} as it is when the transaction commits (nothing when it has none, or
   * {@code e} no longer exists): SQL's {@code SET n = n + ?} without reading {@code n}.
   */
  record Increment(EntityRef e, Attribute a, Object delta) implements TxOp {}

  /** {@code [:db.sql/reserve name n]}: n new entity ids set aside, the first reported as tempid {@code name}. */
  record Reserve(String name, int n) implements TxOp {}

  /**
   * {@code [:db.sql/unchanged t e a]}: no transaction after basis {@code t} asserted or retracted
   * {@code a} of entity {@code e}, or of any entity when {@code e} is null, only value {@code v}
   * of it when {@code v} is not null; nothing at all when {@code a} is null (a JDBC
   * transaction's reads).
   */
  record Unchanged(long basisT, Long e, Attribute a, Object v) implements TxOp {}
}
