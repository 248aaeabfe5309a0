package org.datolite;

import java.util.List;
import org.datolite.datom.Datom;

/**
 * One transaction as the log holds it ({@link Database#txRange}): its basis {@code t}, its
 * entity id, and every datom it added, assertions and retractions, in the order written.
 */
public record Transaction(long t, long tx, List<Datom> data) {}
