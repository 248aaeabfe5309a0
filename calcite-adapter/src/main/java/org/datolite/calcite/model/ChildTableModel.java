package org.datolite.calcite.model;

import java.util.List;
import org.datolite.schema.Attribute;

/**
 * The child table of a cardinality-many attribute: a row {@code (OWNER_ID, value)} per value,
 * e.g. {@code PERSON_ALIAS(PERSON_ID, ALIAS)} for {@code :person/alias}. The value column takes the
 * attribute's name ({@code VALUE} is a reserved word in SQL).
 *
 * @param owner the name of the owning entity table
 * @param attribute the cardinality-many attribute
 * @param ownerMembers when the attribute does not make its holder a row of the owner (an included
 *     attribute, or a table with a membership attribute), the owner's member attributes: only
 *     values of entities holding one of them are rows; else empty
 */
public record ChildTableModel(String name, String owner, Attribute attribute, List<Column> columns,
    List<Attribute> ownerMembers) implements TableModel {

  public ChildTableModel {
    columns = List.copyOf(columns);
    ownerMembers = List.copyOf(ownerMembers);
  }

  @Override
  public String schemaName() {
    return SqlModel.PUBLIC;
  }

  @Override
  public String remarks() {
    return "the values of " + attribute.ident() + " (cardinality many)";
  }
}
