package org.datolite.sqltests;

import java.util.UUID;

/**
 * The Datolite JDBC driver as the tests in this module see it: whether it is on the class path
 * yet, and the URLs of in-memory databases shared with the native API.
 *
 * <p>A test that runs SQL against Datolite guards itself with {@code
 * Assumptions.assumeTrue(DatoliteJdbc.present(), DatoliteJdbc.ABSENT)}, so that the module's
 * PostgreSQL-proven harnesses still run if the driver is ever left off the test class path.
 */
final class DatoliteJdbc {
  /** The driver's class, registered through {@code META-INF/services/java.sql.Driver}. */
  static final String DRIVER_CLASS = "org.datolite.jdbc.Driver";
  /** The reason given when the driver is absent. */
  static final String ABSENT = DRIVER_CLASS + " is not on the test class path";

  private DatoliteJdbc() {}

  /** True when the JDBC driver's class is on the class path. */
  static boolean present() {
    try {
      Class.forName(DRIVER_CLASS);
      return true;
    } catch (ClassNotFoundException e) {
      return false;
    }
  }

  /** A fresh in-memory database name, unique in this JVM: {@code prefix-<uuid>}. */
  static String memName(String prefix) {
    return prefix + "-" + UUID.randomUUID();
  }

  /** The native API's address of the in-memory database {@code name}, for {@code Datolite.connect}. */
  static String nativeUrl(String name) {
    return "mem:" + name;
  }

  /** The JDBC URL of the in-memory database {@code name}; it shares the native API's database in this JVM. */
  static String jdbcUrl(String name) {
    return "jdbc:datolite:mem:" + name;
  }
}
