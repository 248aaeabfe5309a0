package org.datolite;

import java.util.Arrays;
import java.util.Properties;
import java.util.stream.Collectors;
import org.datolite.error.SqlState;

/**
 * Every connection property the native API and the JDBC driver accept: its name, default and
 * meaning. An unknown name or a bad value fails the connect with an error naming the property.
 */
public enum ConnectionProperty {
  /** The database within the storage; {@code mem:NAME} URLs name it themselves. */
  DB("db", "datolite", "the database within the storage (1 to 100 letters, digits, '_', '.' or '-')"),
  /** The segment cache of the peer, shared by every connection to the same storage. */
  SEGMENT_CACHE_MB("segment-cache-mb", "256", "the peer's segment cache in MiB, 1..1048576"),
  /** How long {@code transact} waits for its outcome. */
  TRANSACT_TIMEOUT_MS("transact-timeout-ms", "10000", "how long transact waits for the outcome, 1..3600000 ms"),
  /** How long a query may run before it fails with 57014 (0: no limit). */
  QUERY_TIMEOUT_MS("query-timeout-ms", "0", "how long a query may run, 0 (no limit) to 86400000 ms"),
  /** The most bindings a query may hold in one relation before it fails with 54000. */
  QUERY_MAX_ROWS("query-max-rows", "10000000", "the most bindings a query may hold in one relation, 1..2147483647"),
  /** Whether query clauses run in the order the planner chooses or in the order written. */
  QUERY_PLANNER("query-planner", "cost", "how query clauses are ordered: cost (by the planner) or written (as Datomic)"),
  /** Classes whose public methods queries may call; none by default. */
  QUERY_JAVA_CLASSES("query-java-classes", "", "the fully qualified classes whose public methods queries may call,"
      + " separated by commas (empty: none)"),
  /** The shared secret of the standalone transactor ({@code postgresql:} URLs). */
  SECRET("secret", null, "the standalone transactor's shared secret, 16 to 1024 bytes (postgresql: URLs)"),
  /** Passed by JDBC tools for every driver; storage credentials go in the URL. Ignored. */
  USER("user", null, "ignored (storage credentials go in the storage URL)"),
  /** Passed by JDBC tools for every driver; storage credentials go in the URL. Ignored. */
  PASSWORD("password", null, "ignored (storage credentials go in the storage URL)");

  private final String key;
  private final String defaultValue;
  private final String description;

  ConnectionProperty(String key, String defaultValue, String description) {
    this.key = key;
    this.defaultValue = defaultValue;
    this.description = description;
  }

  public String key() {
    return key;
  }

  public String defaultValue() {
    return defaultValue;
  }

  public String description() {
    return description;
  }

  /** Checks that every property given is known; returns nothing, throws 42704 naming the first unknown one. */
  static void checkKnown(Properties props) {
    for (String name : props.stringPropertyNames()) {
      if (Arrays.stream(values()).noneMatch(p -> p.key.equals(name))) {
        throw new DatoliteException(SqlState.UNDEFINED_OBJECT, "unknown connection property '" + name + "'; expected one of "
            + Arrays.stream(values()).map(ConnectionProperty::key).collect(Collectors.joining(", ")));
      }
    }
  }

  String get(Properties props) {
    String v = props.getProperty(key);
    return v == null ? defaultValue : v.trim();
  }

  /** The value, which must be one of {@code choices}. */
  String getChoice(Properties props, String... choices) {
    String v = get(props);
    if (!Arrays.asList(choices).contains(v)) {
      throw new DatoliteException(SqlState.INVALID_PARAMETER_VALUE, "connection property '" + key + "' is '" + v + "'; expected "
          + description);
    }
    return v;
  }

  /** A comma-separated list of Java class names (checked for form, not loaded). */
  java.util.Set<String> getClassNames(Properties props) {
    java.util.Set<String> out = new java.util.LinkedHashSet<>();
    for (String name : get(props).split(",")) {
      String n = name.trim();
      if (n.isEmpty()) {
        continue;
      }
      if (!n.matches("[A-Za-z_$][\\w$]*(\\.[A-Za-z_$][\\w$]*)*")) {
        throw new DatoliteException(SqlState.INVALID_PARAMETER_VALUE, "connection property '" + key + "' names '" + n + "'; expected "
            + description);
      }
      out.add(n);
    }
    return out;
  }

  long getLong(Properties props, long min, long max) {
    String v = get(props);
    try {
      long n = Long.parseLong(v);
      if (n < min || n > max) {
        throw new NumberFormatException();
      }
      return n;
    } catch (NumberFormatException e) {
      throw new DatoliteException(SqlState.INVALID_PARAMETER_VALUE, "connection property '" + key + "' is '" + v + "'; expected "
          + description);
    }
  }
}
