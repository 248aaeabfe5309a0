package org.datolite.calcite.exec;

import org.apache.calcite.rel.core.JoinRelType;

/**
 * Everything a lookup join's execution needs that the plan fixes: the scan it looks rows up in
 * (its table, columns and point in time; its access is replaced by each batch's keys), the key
 * field of the outer row, the key's position among the scan's columns, and the join type.
 *
 * @param right the inner scan; {@code right.access()} is ignored
 * @param leftKey the outer row's key field
 * @param rightKey the position of the key among {@code right.columns()}
 * @param joinType {@code INNER}, {@code LEFT}, {@code SEMI} or {@code ANTI}
 * @param rightWidth the number of columns the scan reads
 * @param byId whether the key is an entity id (an owner's, in a child table): looked up in EAVT, else in AVET
 */
public record LookupSpec(ScanSpec right, int leftKey, int rightKey, JoinRelType joinType, int rightWidth,
    boolean byId) {

  /** The table position of the key column. */
  public int rightKeyColumn() {
    return right.columns()[rightKey];
  }

  @Override
  public String toString() {
    return joinType + " lookup $" + leftKey + " = " + right.table().columns().get(rightKeyColumn()).name() + " in " + right;
  }
}
