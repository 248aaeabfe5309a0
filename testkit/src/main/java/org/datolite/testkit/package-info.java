/**
 * Test fixtures shared by every module: a PostgreSQL database per test class
 * ({@link org.datolite.testkit.WithPostgres}), and seeded random tests on plain JUnit 5
 * ({@link org.datolite.testkit.Seeds} runs them, {@link org.datolite.testkit.Gen} generates
 * their inputs; a failure prints the seed that replays it).
 */
package org.datolite.testkit;
