/**
 * The transactor: the single writer that serializes transactions, writes the log durably with
 * group commit, indexes in the background and pushes novelty to peers. Built by issue 3.
 */
package org.datolite.transactor;
