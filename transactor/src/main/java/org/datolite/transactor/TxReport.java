package org.datolite.transactor;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.datolite.datom.Datom;
import org.datolite.storage.db.Db;

/**
 * A committed transaction: the database before and after it, its datoms and its tempids.
 *
 * @param t the basis it created
 * @param tx its transaction entity id
 * @param txUuid the client's id for it
 * @param instant its {@code :db/txInstant}
 * @param dbBefore the database just before it
 * @param dbAfter the database just after it
 * @param txData every datom it added
 * @param tempids each tempid of its data with the entity id it became
 */
public record TxReport(long t, long tx, UUID txUuid, Instant instant, Db dbBefore, Db dbAfter, List<Datom> txData,
    Map<String, Long> tempids) {}
