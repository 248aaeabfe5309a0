package org.datolite.sqltests;

import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.TestFactory;

/**
 * The script tests: every {@code src/test/resources/scripts/*.sql} run against a fresh in-memory
 * Datolite database through the JDBC driver, statement by statement (format and update mode:
 * {@code sql-tests/README.md}, "Script tests").
 */
class ScriptTest {
  @TestFactory
  Stream<DynamicNode> scripts() {
    // The JDBC connection of the Datolite target is guarded by the driver's presence (it goes
    // once the driver lands, issue 11): until then the @edn blocks are transacted for real through
    // the native API, and every statement is reported as skipped with the reason.
    return ScriptRunner.scripts("scripts", ScriptTargets::datolite);
  }
}
