package org.datolite.calcite.table;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.calcite.schema.Table;
import org.apache.calcite.schema.impl.AbstractSchema;

/** One SQL schema ({@code PUBLIC} or {@code DATOMS}) of the model, as Calcite sees it. */
public final class DatoliteSchema extends AbstractSchema {
  private final Map<String, Table> tables;

  public DatoliteSchema(Map<String, DatoliteTable> tables) {
    this.tables = Collections.unmodifiableMap(new LinkedHashMap<>(tables));
  }

  @Override
  protected Map<String, Table> getTableMap() {
    return tables;
  }
}
