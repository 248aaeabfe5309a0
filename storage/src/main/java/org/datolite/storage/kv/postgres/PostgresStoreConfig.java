package org.datolite.storage.kv.postgres;

import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Pattern;
import org.datolite.storage.StorageErrorCode;
import org.datolite.storage.StorageException;
import org.postgresql.Driver;

/**
 * How to reach a {@link PostgresStore}, validated when built and immutable afterwards. Names,
 * defaults and ranges come from {@link PostgresStoreProperty}; a bad value fails at once with the
 * property's name and allowed range. Timeouts are whole seconds for the driver, so a fraction is
 * rounded up. {@link #toString()} and {@link #describe()} never show the password.
 *
 * @param jdbcUrl JDBC URL of the database, {@code jdbc:postgresql://host:port/database}
 * @param user user name, or {@code null} if the URL carries it
 * @param password password, or {@code null}
 * @param maximumPoolSize most connections open at once
 * @param connectTimeout limit for opening a connection, and for waiting for a pooled one
 * @param socketTimeout limit for waiting for the server's answer
 * @param table the table holding the keys, a plain lower-case identifier
 */
public record PostgresStoreConfig(String jdbcUrl, String user, String password, int maximumPoolSize,
    Duration connectTimeout, Duration socketTimeout, String table) {
  private static final String URL_PREFIX = "jdbc:postgresql:";
  private static final Pattern IDENTIFIER = Pattern.compile("[a-z_][a-z0-9_]*");
  private static final Pattern URL_PASSWORD = Pattern.compile("(?i)([?&]password=)[^&]*");

  public PostgresStoreConfig {
    if (jdbcUrl == null || jdbcUrl.isBlank()) {
      throw PostgresStoreProperty.JDBC_URL.invalid("missing");
    }
    if (!jdbcUrl.startsWith(URL_PREFIX) || Driver.parseURL(jdbcUrl, null) == null) {
      throw PostgresStoreProperty.JDBC_URL.invalid("'" + maskPassword(jdbcUrl) + "' is not a PostgreSQL JDBC URL");
    }
    PostgresStoreProperty.MAXIMUM_POOL_SIZE.checkRange(maximumPoolSize, maximumPoolSize);
    checkSeconds(PostgresStoreProperty.CONNECT_TIMEOUT, connectTimeout);
    checkSeconds(PostgresStoreProperty.SOCKET_TIMEOUT, socketTimeout);
    if (table == null || !IDENTIFIER.matcher(table).matches()) {
      throw PostgresStoreProperty.TABLE.invalid("'" + table + "' is not a plain lower-case identifier");
    }
    PostgresStoreProperty.TABLE.checkRange(table.length(), "'" + table + "' of " + table.length() + " characters");
  }

  private static void checkSeconds(PostgresStoreProperty property, Duration value) {
    if (value == null) {
      throw property.invalid("missing");
    }
    if (value.compareTo(Duration.ofSeconds(property.min())) < 0
        || value.compareTo(Duration.ofSeconds(property.max())) > 0) {
      throw property.invalid(value.toMillis() / 1000.0 + " s is out of range");
    }
  }

  /** A builder with every property at its default. */
  public static Builder builder(String jdbcUrl) {
    return new Builder(jdbcUrl);
  }

  /**
   * A configuration from text properties named as in {@link PostgresStoreProperty}, e.g. the
   * parameters of a store address; missing ones take their defaults, unknown ones are rejected.
   */
  public static PostgresStoreConfig fromProperties(Map<String, String> props) {
    Set<String> known = new LinkedHashSet<>();
    for (PostgresStoreProperty p : PostgresStoreProperty.values()) {
      known.add(p.key());
    }
    for (String key : props.keySet()) {
      if (!known.contains(key)) {
        throw new StorageException(StorageErrorCode.INVALID_CONFIGURATION,
            "unknown PostgreSQL store property '" + key + "'; expected one of " + known);
      }
    }
    return new PostgresStoreConfig(PostgresStoreProperty.JDBC_URL.get(props),
        PostgresStoreProperty.USER.get(props), PostgresStoreProperty.PASSWORD.get(props),
        PostgresStoreProperty.MAXIMUM_POOL_SIZE.getInt(props),
        Duration.ofSeconds(PostgresStoreProperty.CONNECT_TIMEOUT.getInt(props)),
        Duration.ofSeconds(PostgresStoreProperty.SOCKET_TIMEOUT.getInt(props)),
        PostgresStoreProperty.TABLE.get(props));
  }

  /** This configuration with another table. */
  public PostgresStoreConfig withTable(String newTable) {
    return new PostgresStoreConfig(jdbcUrl, user, password, maximumPoolSize, connectTimeout, socketTimeout, newTable);
  }

  /** The connect timeout in whole seconds, rounded up, as the driver takes it. */
  int connectTimeoutSeconds() {
    return (int) ceilSeconds(connectTimeout);
  }

  /** The socket timeout in whole seconds, rounded up, as the driver takes it. */
  int socketTimeoutSeconds() {
    return (int) ceilSeconds(socketTimeout);
  }

  private static long ceilSeconds(Duration d) {
    return d.getSeconds() + (d.getNano() > 0 ? 1 : 0);
  }

  /** Where the store is, without secrets: {@code postgresql://host:port/database table t}. */
  public String describe() {
    Properties parsed = Driver.parseURL(jdbcUrl, null);
    String[] hosts = parsed.getProperty("PGHOST", "localhost").split(",");
    String[] ports = parsed.getProperty("PGPORT", "5432").split(",");
    StringBuilder sb = new StringBuilder("postgresql://");
    for (int i = 0; i < hosts.length; i++) {
      sb.append(i == 0 ? "" : ",").append(hosts[i]).append(':').append(i < ports.length ? ports[i] : "5432");
    }
    return sb.append('/').append(parsed.getProperty("PGDBNAME", "")).append(" table ").append(table).toString();
  }

  static String maskPassword(String url) {
    return URL_PASSWORD.matcher(url).replaceAll("$1****");
  }

  @Override
  public String toString() {
    return "PostgresStoreConfig[jdbcUrl=" + maskPassword(jdbcUrl) + ", user=" + user + ", password="
        + (password == null ? "null" : "****") + ", maximumPoolSize=" + maximumPoolSize + ", connectTimeout="
        + connectTimeout + ", socketTimeout=" + socketTimeout + ", table=" + table + "]";
  }

  /** Collects settings; {@link #build()} validates them. */
  public static final class Builder {
    private final String jdbcUrl;
    private String user;
    private String password;
    private int maximumPoolSize = Integer.parseInt(PostgresStoreProperty.MAXIMUM_POOL_SIZE.defaultValue());
    private Duration connectTimeout =
        Duration.ofSeconds(Long.parseLong(PostgresStoreProperty.CONNECT_TIMEOUT.defaultValue()));
    private Duration socketTimeout =
        Duration.ofSeconds(Long.parseLong(PostgresStoreProperty.SOCKET_TIMEOUT.defaultValue()));
    private String table = PostgresStoreProperty.TABLE.defaultValue();

    private Builder(String jdbcUrl) {
      this.jdbcUrl = jdbcUrl;
    }

    public Builder user(String value) {
      this.user = value;
      return this;
    }

    public Builder password(String value) {
      this.password = value;
      return this;
    }

    public Builder maximumPoolSize(int value) {
      this.maximumPoolSize = value;
      return this;
    }

    public Builder connectTimeout(Duration value) {
      this.connectTimeout = value;
      return this;
    }

    public Builder socketTimeout(Duration value) {
      this.socketTimeout = value;
      return this;
    }

    public Builder table(String value) {
      this.table = value;
      return this;
    }

    public PostgresStoreConfig build() {
      return new PostgresStoreConfig(jdbcUrl, user, password, maximumPoolSize, connectTimeout, socketTimeout, table);
    }
  }
}
