package org.datolite.sqltests;

import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.TestFactory;

/**
 * The Datolite scripts ({@code src/test/resources/scripts/*.sql}) on plain Calcite over
 * {@link ReferenceModel}'s naive tables of the SQL model: checks today, before the driver
 * exists, that their SQL is Calcite's and their hand-written rows are what the model gives.
 * Rows only: expected errors and plans are skipped here (they are Datolite's own).
 */
class ReferenceScriptTest {
  @TestFactory
  Stream<DynamicNode> scripts() {
    return ScriptRunner.scripts("scripts", ScriptTargets::reference);
  }
}
