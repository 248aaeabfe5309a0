package org.datolite.sqltests;

import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
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
    // The guard goes once the JDBC driver lands (issue 11).
    Assumptions.assumeTrue(DatoliteJdbc.present(), DatoliteJdbc.ABSENT);
    return ScriptRunner.scripts("scripts", ScriptTargets::datolite);
  }
}
