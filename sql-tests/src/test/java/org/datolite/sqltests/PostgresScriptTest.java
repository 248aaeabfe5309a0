package org.datolite.sqltests;

import java.util.stream.Stream;
import org.datolite.testkit.PostgresDatabase;
import org.datolite.testkit.WithPostgres;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.TestFactory;

/**
 * The script harness proven on PostgreSQL: {@code src/test/resources/scripts-pg/*.sql}, whose
 * data blocks are plain SQL, run against a fresh schema each, with rows, NULLs, bags and ordered
 * lists, errors by SQLSTATE and EXPLAIN fragments.
 */
@WithPostgres
class PostgresScriptTest {
  @TestFactory
  Stream<DynamicNode> scripts(PostgresDatabase pg) {
    return ScriptRunner.scripts("scripts-pg", name -> ScriptTargets.postgres(pg, name));
  }
}
