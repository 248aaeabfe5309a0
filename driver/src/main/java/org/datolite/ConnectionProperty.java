package org.datolite;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Collectors;
import org.datolite.error.SqlState;

/**
 * Every connection property the native API and the JDBC driver accept, one constant each: its
 * name, type, default, bounds and meaning. This enum is the one place they are defined; the
 * typed getters read a value and fail the connect with an error naming the property, the value
 * and what is expected. An unknown name fails with 42704, a bad value with 22023.
 */
public enum ConnectionProperty {
  /** The database within the storage; {@code mem:NAME} URLs name it themselves. */
  DB("db", Type.TEXT, "datolite", 1, 100, "",
      "the database within the storage (1 to 100 letters, digits, '_', '.' or '-')"),
  /** The segment cache of the peer, shared by every connection to the same storage. */
  SEGMENT_CACHE_MB("segment-cache-mb", Type.NUMBER, "256", 1, 1 << 20, "MiB", "the peer's segment cache"),
  /** How long {@code transact} waits for its outcome. */
  TRANSACT_TIMEOUT_MS("transact-timeout-ms", Type.NUMBER, "10000", 1, 3_600_000, "ms",
      "how long transact waits for the outcome"),
  /** How long a query may run before it fails with 57014 (0: no limit). */
  QUERY_TIMEOUT_MS("query-timeout-ms", Type.NUMBER, "0", 0, 86_400_000, "ms",
      "how long a query may run (0: no limit)"),
  /** The most bindings a query may hold in one relation before it fails with 54000. */
  QUERY_MAX_ROWS("query-max-rows", Type.NUMBER, "10000000", 1, Integer.MAX_VALUE, "",
      "the most bindings a query may hold in one relation"),
  /** Whether query clauses run in the order the planner chooses or in the order written. */
  QUERY_PLANNER("query-planner", Type.CHOICE, "cost", 0, 0, "",
      "how query clauses are ordered: cost (by the planner) or written (as Datomic)", "cost", "written"),
  /** Classes whose public methods queries may call; none by default. */
  QUERY_JAVA_CLASSES("query-java-classes", Type.CLASS_NAMES, "", 0, 0, "",
      "the fully qualified classes whose public methods queries may call, separated by commas (empty: none)"),
  /** The shared secret of the standalone transactor ({@code postgresql:} URLs). */
  SECRET("secret", Type.SECRET, null, 16, 1024, "bytes",
      "the standalone transactor's shared secret (postgresql: URLs)"),
  /**
   * How long a peer of a standalone transactor hears nothing from it before it gives the
   * connection up and looks for the active transactor in storage (0: two of the transactor's
   * heartbeats, as its lease says, the time after which a standby takes over).
   */
  TRANSACTOR_IDLE_TIMEOUT_MS("transactor-idle-timeout-ms", Type.NUMBER, "0", 0, 86_400_000, "ms",
      "how long a peer hears nothing from its transactor before it gives the connection up (0: two of the"
          + " transactor's heartbeats, at least 200 ms; 4 s before any transactor has served)"),
  /** How often a peer with nothing to send pings its transactor (0: a quarter of the idle timeout). */
  TRANSACTOR_PING_MS("transactor-ping-ms", Type.NUMBER, "0", 0, 3_600_000, "ms",
      "how often a quiet peer pings its transactor (0: a quarter of the idle timeout); at most half of it"),
  /**
   * The first delay before a peer reconnects to the same transactor address, and how often a
   * disconnected peer reads the lease for a new active transactor (which it connects to at once).
   */
  RECONNECT_MIN_MS("reconnect-min-ms", Type.NUMBER, "50", 1, 600_000, "ms",
      "the first reconnect delay, and how often a disconnected peer reads the lease for a new transactor"),
  /** The longest delay between a peer's attempts on one transactor address (the backoff doubles up to it). */
  RECONNECT_MAX_MS("reconnect-max-ms", Type.NUMBER, "2000", 1, 3_600_000, "ms",
      "the longest delay between a peer's attempts on one transactor address"),
  /** The point in time every SQL statement reads as of: a basis t or an ISO-8601 instant. */
  AS_OF("as-of", Type.TEXT, null, 1, 64, "",
      "the basis t or ISO-8601 instant every SQL statement reads as of (unset: the latest value)"),
  /** The point in time after which SQL statements read: a basis t or an ISO-8601 instant. */
  SINCE("since", Type.TEXT, null, 1, 64, "",
      "the basis t or ISO-8601 instant after which SQL statements read (unset: from the start)"),
  /** Whether SQL reads the history database: every assertion and retraction (DATOMS and HISTORY tables). */
  HISTORY("history", Type.CHOICE, "false", 0, 0, "",
      "whether SQL reads the history database, every assertion and retraction", "false", "true"),
  /** Passed by JDBC tools for every driver; storage credentials go in the URL. Ignored. */
  USER("user", Type.TEXT, null, 0, Integer.MAX_VALUE, "", "ignored (storage credentials go in the storage URL)"),
  /** Passed by JDBC tools for every driver; storage credentials go in the URL. Ignored. */
  PASSWORD("password", Type.SECRET, null, 0, Integer.MAX_VALUE, "",
      "ignored (storage credentials go in the storage URL)");

  /** What kind of value a property holds, which says how it is read and checked. */
  public enum Type {
    /** Free text, its length within the bounds. */
    TEXT,
    /** A whole number within the bounds. */
    NUMBER,
    /** One of a fixed list of words. */
    CHOICE,
    /** Java class names separated by commas. */
    CLASS_NAMES,
    /** Text never shown in messages or logs, its length in UTF-8 bytes within the bounds. */
    SECRET
  }

  private final String key;
  private final Type type;
  private final String defaultValue;
  private final long min;
  private final long max;
  private final String unit;
  private final String description;
  private final List<String> choices;

  ConnectionProperty(String key, Type type, String defaultValue, long min, long max, String unit,
      String description, String... choices) {
    this.key = key;
    this.type = type;
    this.defaultValue = defaultValue;
    this.min = min;
    this.max = max;
    this.unit = unit;
    this.description = description;
    this.choices = List.of(choices);
  }

  /** The property's name, as written in properties, URLs and messages. */
  public String key() {
    return key;
  }

  public Type type() {
    return type;
  }

  /** The default as text, or null if there is none. */
  public String defaultValue() {
    return defaultValue;
  }

  /** The least allowed number, or the least length of text. */
  public long min() {
    return min;
  }

  /** The greatest allowed number, or the greatest length of text. */
  public long max() {
    return max;
  }

  /** The unit of a number or length (ms, MiB, bytes), or empty. */
  public String unit() {
    return unit;
  }

  /** The allowed words of a {@link Type#CHOICE}; empty otherwise. */
  public List<String> choices() {
    return choices;
  }

  public String description() {
    return description;
  }

  /** What the property expects, for messages and tools: its meaning and its range or choices. */
  public String expected() {
    return switch (type) {
      case NUMBER -> description + ", " + min + ".." + max + (unit.isEmpty() ? "" : " " + unit);
      case TEXT, SECRET -> max == Integer.MAX_VALUE ? description : description + ", " + min + " to " + max
          + (unit.isEmpty() ? " characters" : " " + unit);
      case CHOICE -> description + "; one of " + String.join(", ", choices);
      case CLASS_NAMES -> description;
    };
  }

  /** The constant with this name, or null. */
  public static ConnectionProperty of(String key) {
    for (ConnectionProperty p : values()) {
      if (p.key.equals(key)) {
        return p;
      }
    }
    return null;
  }

  /** Checks that every property given is known; throws 42704 naming the first unknown one. */
  public static void checkKnown(Properties props) {
    for (String name : props.stringPropertyNames()) {
      if (of(name) == null) {
        throw new DatoliteException(SqlState.UNDEFINED_OBJECT, "unknown connection property '" + name
            + "'; expected one of " + Arrays.stream(values()).map(ConnectionProperty::key)
            .collect(Collectors.joining(", ")));
      }
    }
  }

  /** The text given, trimmed (secrets as given), or the default (possibly null). */
  public String get(Properties props) {
    String v = props.getProperty(key);
    return v == null ? defaultValue : type == Type.SECRET ? v : v.trim();
  }

  /** The value of a {@link Type#CHOICE}: one of {@link #choices()}. */
  public String getChoice(Properties props) {
    requireType(Type.CHOICE);
    String v = get(props);
    if (!choices.contains(v)) {
      throw invalid("'" + v + "'");
    }
    return v;
  }

  /** The value of a {@link Type#NUMBER}, within its bounds. */
  public long getLong(Properties props) {
    requireType(Type.NUMBER);
    String v = get(props);
    try {
      long n = Long.parseLong(v);
      if (n >= min && n <= max) {
        return n;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw invalid("'" + v + "'");
  }

  /** The value of a {@link Type#SECRET} as UTF-8 bytes within its bounds, or null if not given. */
  byte[] getSecret(Properties props, SqlState whenInvalid) {
    requireType(Type.SECRET);
    String v = get(props);
    if (v == null) {
      return null;
    }
    byte[] bytes = v.getBytes(StandardCharsets.UTF_8);
    if (bytes.length < min || bytes.length > max) {
      throw new DatoliteException(whenInvalid, "connection property '" + key + "' has " + bytes.length
          + " bytes; expected " + min + " to " + max);
    }
    return bytes;
  }

  /** The value of a {@link Type#CLASS_NAMES}: the class names, checked for form (not loaded). */
  Set<String> getClassNames(Properties props) {
    requireType(Type.CLASS_NAMES);
    Set<String> out = new LinkedHashSet<>();
    for (String name : get(props).split(",")) {
      String n = name.trim();
      if (n.isEmpty()) {
        continue;
      }
      if (!n.matches("[A-Za-z_$][\\w$]*(\\.[A-Za-z_$][\\w$]*)*")) {
        throw new DatoliteException(SqlState.INVALID_PARAMETER_VALUE, "connection property '" + key + "' names '"
            + n + "'; expected " + expected());
      }
      out.add(n);
    }
    return out;
  }

  private DatoliteException invalid(String shown) {
    return new DatoliteException(SqlState.INVALID_PARAMETER_VALUE, "connection property '" + key + "' is "
        + shown + "; expected " + expected());
  }

  private void requireType(Type wanted) {
    if (type != wanted) {
      throw new IllegalStateException(key + " is a " + type + " property, not " + wanted);
    }
  }
}
