package org.datolite.storage.log;

import java.util.List;
import org.datolite.datom.Datom;

/**
 * One transaction as it was committed: its basis {@code t}, its entity id {@code tx}, and every
 * datom it added (assertions and retractions, all with this {@code tx}) in the order written. The
 * one record for a transaction below the peer API: the log holds it ({@link LogBlock}), the
 * novelty keeps it ({@code MemoryIndex}), the transactor pushes it to peers, and the index job
 * reads it back.
 *
 * @param t the basis the transaction made
 * @param tx the transaction's entity id
 * @param datoms its datoms, copied and unmodifiable (or {@link DeferredDatoms}, decoded when first
 *     read, or {@link ColumnDatoms}, immutable already)
 */
public record CommittedTx(long t, long tx, List<Datom> datoms) {
  public CommittedTx {
    // immutable already (and a deferred one not read yet)
    datoms = datoms instanceof DeferredDatoms || datoms instanceof ColumnDatoms ? datoms : List.copyOf(datoms);
  }
}
