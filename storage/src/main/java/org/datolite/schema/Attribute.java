package org.datolite.schema;

import java.util.List;
import org.datolite.value.Keyword;
import org.datolite.value.ValueType;

/**
 * An installed attribute: the schema facts of one attribute entity.
 *
 * @param id the attribute's entity id
 * @param ident its name
 * @param valueType the type of its values
 * @param cardinality one or many values per entity
 * @param unique its uniqueness
 * @param indexed {@code :db/index}
 * @param component {@code :db/isComponent}: values are entities owned by the holder
 * @param noHistory {@code :db/noHistory}: retracted values are not kept
 * @param tupleAttrs for a composite tuple, the attribute ids it is made of (else empty)
 * @param tupleType for a homogeneous tuple, the element type (else null)
 * @param tupleTypes for a heterogeneous tuple, the element types (else empty)
 * @param doc {@code :db/doc}, or null
 */
public record Attribute(
    long id,
    Keyword ident,
    ValueType valueType,
    Cardinality cardinality,
    Uniqueness unique,
    boolean indexed,
    boolean component,
    boolean noHistory,
    List<Long> tupleAttrs,
    ValueType tupleType,
    List<ValueType> tupleTypes,
    String doc) {

  public Attribute {
    tupleAttrs = List.copyOf(tupleAttrs);
    tupleTypes = List.copyOf(tupleTypes);
  }

  public boolean isRef() {
    return valueType == ValueType.REF;
  }

  public boolean isMany() {
    return cardinality == Cardinality.MANY;
  }

  public boolean isUnique() {
    return unique != Uniqueness.NONE;
  }

  /** Whether the transactor computes this attribute's values from others. */
  public boolean isComposite() {
    return !tupleAttrs.isEmpty();
  }
}
