package org.datolite;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.datolite.datom.Datom;

/**
 * The outcome of a committed transaction, as Datomic's transaction report: the database before
 * and after it, the datoms it added (the transaction entity's included), and what each tempid
 * resolved to.
 *
 * @param t the transaction's basis {@code t}
 * @param tx the transaction entity's id
 * @param txUuid the client's id for the transaction ({@code :db/txUuid})
 * @param instant its {@code :db/txInstant}
 * @param dbBefore the database just before it
 * @param dbAfter the database just after it
 * @param txData the datoms it added, assertions and retractions
 * @param tempids each tempid (string) and the entity id it resolved to
 */
public record TxReport(long t, long tx, UUID txUuid, Instant instant, Database dbBefore, Database dbAfter,
    List<Datom> txData, Map<String, Long> tempids) {}
