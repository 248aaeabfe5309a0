package org.datolite.sqltests;

import java.sql.Connection;
import java.sql.Timestamp;
import java.time.LocalDateTime;
import java.util.Map;
import org.datolite.testkit.PostgresDatabase;
import org.datolite.testkit.Seeds;
import org.datolite.testkit.WithPostgres;
import org.junit.jupiter.api.Test;

/**
 * The differential harness with plain Calcite in Datolite's place: the generated data in
 * in-memory Calcite tables ({@link CalciteTables}) against the same data in PostgreSQL. This
 * runs before Datolite's driver exists and proves that the generated SQL is read alike by
 * Calcite's dialect and PostgreSQL's, so that a difference {@link DifferentialTest} later finds
 * on Datolite lies in Datolite (its adapter, its JDBC face, its Calcite configuration), not in
 * the generator.
 *
 * <p>It found one Calcite 1.41 wrong answer, so this test alone leaves that shape out
 * ({@link QueryGen#withoutOrInSubquery}): {@code cond OR x IN (subquery whose WHERE is false for
 * every row)} gives no rows at all.
 */
@WithPostgres
class CalciteAgainstPostgresTest {
  /** Fewer than the differential tests': plain Calcite plans and compiles every query afresh (about 0.3 s each). */
  static final int QUERIES = 100;

  @Test
  void calciteAgainstPostgres_agree(PostgresDatabase pg) {
    Seeds.check(1, random -> {
      PeopleData data = PeopleData.generate(random);
      Map<String, Long> ids = data.syntheticIds();
      try (Connection expected = DifferentialTest.schema(pg, "expected");
          Connection actual = CalciteTables.connect(data, ids)) {
        data.loadPostgres(expected, ids, null);
        // Avatica's PreparedStatement takes no LocalDateTime (Datolite's own JDBC face must): bind a Timestamp
        DifferentialTest.compare(new QueryGen(data, ids).withoutOrInSubquery(), random, expected, actual, QUERIES, false,
            p -> p instanceof LocalDateTime t ? Timestamp.valueOf(t) : p).assertAgreed("Calcite");
      }
    });
  }
}
