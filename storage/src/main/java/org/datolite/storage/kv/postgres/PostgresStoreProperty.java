package org.datolite.storage.kv.postgres;

import java.util.Map;
import org.datolite.storage.StorageErrorCode;
import org.datolite.storage.StorageException;

/**
 * The settings of a {@link PostgresStore}, one constant each: its name, default, allowed range and
 * meaning. This enum is where they are defined; {@link PostgresStoreConfig} validates against it
 * and reads text properties (a store address's parameters) through its typed getters.
 */
public enum PostgresStoreProperty {
  JDBC_URL("jdbcUrl", null, 0, 0, "",
      "JDBC URL of the database, jdbc:postgresql://host:port/database; may carry pgjdbc parameters"),
  USER("user", null, 0, 0, "", "user name; may instead be a parameter of jdbcUrl"),
  PASSWORD("password", null, 0, 0, "", "password; never logged nor shown in messages"),
  MAXIMUM_POOL_SIZE("maximumPoolSize", "10", 1, 1000, "",
      "most connections the store keeps open at once"),
  CONNECT_TIMEOUT("connectTimeout", "10", 1, 600, "seconds",
      "seconds to open and log into a connection, and to wait for a free pooled one"),
  SOCKET_TIMEOUT("socketTimeout", "60", 1, 3600, "seconds",
      "seconds to wait for the server's answer before the connection counts as dead; a read retried after"
          + " a broken connection waits no longer than this in all"),
  TABLE("table", "datolite_kvs", 1, 63, "characters",
      "table holding the keys: lower-case letters, digits and '_', not starting with a digit");

  private final String key;
  private final String defaultValue;
  private final long min;
  private final long max;
  private final String unit;
  private final String description;

  PostgresStoreProperty(String key, String defaultValue, long min, long max, String unit, String description) {
    this.key = key;
    this.defaultValue = defaultValue;
    this.min = min;
    this.max = max;
    this.unit = unit;
    this.description = description;
  }

  /** The property's name, as written in properties and messages. */
  public String key() {
    return key;
  }

  /** The default as text, or {@code null} if there is none. */
  public String defaultValue() {
    return defaultValue;
  }

  /** The least allowed number (a length for text properties with a range). */
  public long min() {
    return min;
  }

  /** The greatest allowed number (a length for text properties with a range). */
  public long max() {
    return max;
  }

  public String description() {
    return description;
  }

  /** The allowed range for messages, e.g. {@code 1..600 seconds}. */
  String range() {
    return min + ".." + max + (unit.isEmpty() ? "" : " " + unit);
  }

  /** The property's text in {@code props}, else its default (possibly {@code null}). */
  String get(Map<String, String> props) {
    String value = props.get(key);
    return value == null ? defaultValue : value;
  }

  /** The property as a whole number in its range, else its default. */
  int getInt(Map<String, String> props) {
    String text = get(props);
    long value;
    try {
      value = Long.parseLong(text.trim());
    } catch (NumberFormatException e) {
      throw invalid("'" + text + "' is not a whole number");
    }
    checkRange(value, text);
    return (int) value;
  }

  void checkRange(long value, Object shown) {
    if (value < min || value > max) {
      throw invalid(shown + " is out of range");
    }
  }

  /** An error naming this property, what was wrong and what is allowed. */
  StorageException invalid(String problem) {
    return new StorageException(StorageErrorCode.INVALID_CONFIGURATION,
        "PostgreSQL store property " + key + ": " + problem + "; expected "
            + (max > 0 ? range() + " (" + description + ")" : description));
  }
}
