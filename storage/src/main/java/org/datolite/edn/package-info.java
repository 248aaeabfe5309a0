/**
 * EDN, the data notation of transaction data and Datalog queries: {@link org.datolite.edn.Edn}
 * reads and writes it, {@link org.datolite.edn.EdnReader} configures tags and limits, and every
 * error is an {@link org.datolite.edn.EdnException} with a line and column. See
 * {@code docs/edn.md}.
 */
package org.datolite.edn;
