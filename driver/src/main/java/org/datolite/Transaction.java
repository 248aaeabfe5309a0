package org.datolite;

import java.util.List;
import org.datolite.datom.Datom;

/**
 * One transaction as the log holds it ({@link Database#txRange}): its basis {@code t}, its
 * entity id, and every datom it added, assertions and retractions, in the order written.
 *
 * <p>This is the peer API's face of storage's {@code CommittedTx}, with the same content: the
 * public type that applications name, its accessor {@code data} after Datomic's {@code tx-range},
 * kept stable while storage's record may change with the log format. {@link LogReader} makes it
 * from the log; nothing below the API uses it.
 */
public record Transaction(long t, long tx, List<Datom> data) {}
