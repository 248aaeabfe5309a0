package org.datolite.datom;

/**
 * A sequence of datoms in which no fact (entity, attribute and value) appears twice, as whoever
 * made it checked: an index merge need not check its EAVT neighbours for a fact asserted twice.
 */
public interface RepeatFree {}
