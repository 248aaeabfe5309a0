package org.datolite.testkit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Gives the annotated test class a fresh PostgreSQL database of its own, created before its
 * first test and dropped after its last. Constructors, {@code @BeforeAll}, {@code @BeforeEach}
 * and test methods receive it as a {@link PostgresDatabase} parameter.
 *
 * <p>The server is {@code DATOLITE_TEST_PG_URL} if set (a JDBC URL of an administrative
 * connection, e.g. {@code jdbc:postgresql://127.0.0.1:5432/postgres?user=postgres}), otherwise
 * a Testcontainers container if Docker is running. Without either the class is skipped, or
 * fails when {@code CI=true}. See {@link PostgresExtension}.
 */
@Documented
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith(PostgresExtension.class)
public @interface WithPostgres {}
