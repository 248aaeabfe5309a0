/**
 * The Calcite adapter: entity tables, index tables and planner rules over a database value.
 * Built by the SQL issues.
 */
package org.datolite.calcite;
