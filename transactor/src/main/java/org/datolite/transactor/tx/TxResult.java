package org.datolite.transactor.tx;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.datolite.datom.Datom;

/**
 * What a transaction adds to the log: its datoms (assertions and retractions, the transaction
 * entity's included, in EAVT order) and how its tempids resolved.
 *
 * @param t the basis the transaction creates
 * @param tx the transaction entity id
 * @param instant its {@code :db/txInstant}
 * @param datoms every datom the transaction adds
 * @param tempids each tempid string of the transaction data, with the entity it became
 * @param schemaChanged whether any schema fact changed (the schema must be read again)
 * @param nextEntityIndex the next free index in {@code :db.part/user} after this transaction
 */
public record TxResult(long t, long tx, Instant instant, List<Datom> datoms, Map<String, Long> tempids,
    boolean schemaChanged, long nextEntityIndex) {

  public TxResult {
    datoms = List.copyOf(datoms);
    tempids = Map.copyOf(tempids);
  }
}
