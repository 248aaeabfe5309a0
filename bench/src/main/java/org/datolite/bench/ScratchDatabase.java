package org.datolite.bench;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * A PostgreSQL database of its own for one benchmark run, dropped at the end: on the server
 * {@code DATOLITE_BENCH_PG_URL} names (default the local one, user {@code postgres}).
 */
final class ScratchDatabase implements AutoCloseable {
  private final String admin;
  private final String name;
  private final String host;

  /** Creates {@code prefix_<nanos>}. */
  ScratchDatabase(String prefix) throws SQLException {
    this.admin = System.getenv().getOrDefault("DATOLITE_BENCH_PG_URL",
        "jdbc:postgresql://127.0.0.1:5432/postgres?user=postgres");
    this.name = prefix + "_" + System.nanoTime();
    int start = "jdbc:postgresql://".length();
    this.host = admin.substring(start, admin.indexOf('/', start));
    try (Connection c = DriverManager.getConnection(admin); Statement st = c.createStatement()) {
      st.execute("CREATE DATABASE " + name);
    }
  }

  /** Its address as Datolite storage ({@code postgresql://HOST/NAME?user=postgres}). */
  String storage() {
    return "postgresql://" + host + "/" + name + "?user=postgres";
  }

  /** Its JDBC URL, for looking at the storage table directly. */
  String jdbcUrl() {
    return "jdbc:" + storage();
  }

  @Override
  public void close() throws SQLException {
    try (Connection c = DriverManager.getConnection(admin); Statement st = c.createStatement()) {
      st.execute("DROP DATABASE " + name + " WITH (FORCE)");
    }
  }
}
