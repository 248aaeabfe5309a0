package org.datolite.calcite.write;

import java.util.List;

/**
 * What one execution of an SQL write comes to.
 *
 * @param forms the transaction data: list and map forms as {@code Edn.write} prints them
 * @param count the rows the statement inserted, updated or deleted (its update count)
 * @param newRows for an INSERT on an entity table, each new row's entity in row order: its tempid in
 *     {@code forms} (a {@code String}, its {@code DB_ID} once the transaction resolves it) or the
 *     reserved id it was given (a {@code Long}); empty otherwise
 * @param rows for an INSERT, each new row's values in the table's column order (stored form, null
 *     where not written; {@code DB_ID} null), for generated keys asked for by name; empty otherwise
 */
public record TxData(List<Object> forms, int count, List<Object> newRows, List<Object[]> rows) {
  public TxData {
    forms = List.copyOf(forms);
    newRows = List.copyOf(newRows);
    rows = List.copyOf(rows);
  }

  /** Whether the statement changes nothing (no row matched, or it wrote what was there). */
  public boolean isEmpty() {
    return forms.isEmpty();
  }
}
