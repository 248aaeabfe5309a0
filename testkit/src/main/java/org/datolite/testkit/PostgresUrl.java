package org.datolite.testkit;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

/**
 * Rewrites PostgreSQL JDBC URLs: {@code jdbc:postgresql://hosts/database?parameters} or
 * {@code jdbc:postgresql:database?parameters}.
 */
final class PostgresUrl {
  private static final String PREFIX = "jdbc:postgresql:";
  private static final Pattern PASSWORD = Pattern.compile("(?i)([?&]password=)[^&]*");

  private PostgresUrl() {}

  /** The URL with its database replaced by {@code database}, keeping hosts and parameters. */
  static String withDatabase(String url, String database) {
    if (url == null || !url.startsWith(PREFIX)) {
      throw new IllegalArgumentException("'" + maskPassword(url)
          + "' is not a PostgreSQL JDBC URL; expected jdbc:postgresql://host:port/database");
    }
    int queryAt = url.indexOf('?');
    String query = queryAt < 0 ? "" : url.substring(queryAt);
    String path = queryAt < 0 ? url.substring(PREFIX.length()) : url.substring(PREFIX.length(), queryAt);
    if (!path.startsWith("//")) {
      return PREFIX + database + query; // jdbc:postgresql:database
    }
    int slash = path.indexOf('/', 2);
    String hosts = slash < 0 ? path : path.substring(0, slash);
    return PREFIX + hosts + "/" + database + query;
  }

  /** The value of a URL parameter, decoded, or {@code null} if absent. */
  static String parameter(String url, String name) {
    int queryAt = url.indexOf('?');
    if (queryAt < 0) {
      return null;
    }
    for (String pair : url.substring(queryAt + 1).split("&")) {
      int eq = pair.indexOf('=');
      String key = eq < 0 ? pair : pair.substring(0, eq);
      if (key.equals(name)) {
        return eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
      }
    }
    return null;
  }

  /** The URL with any password parameter replaced by {@code ****}, for messages. */
  static String maskPassword(String url) {
    return url == null ? null : PASSWORD.matcher(url).replaceAll("$1****");
  }
}
