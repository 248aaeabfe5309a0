package org.datolite.transactor.protocol;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * The settings of the peer protocol, one constant each: its name, default, allowed range and
 * meaning. {@link ServerConfig} and {@link ClientConfig} validate against this enum, so every
 * message about a bad value names the setting and its range. Durations are in milliseconds.
 */
public enum ProtocolSetting {
  SECRET("secret", null, 16, 1024, "bytes",
      "shared secret that client and server prove to each other; never sent, never logged"),
  HOST("host", null, 1, 253, "bytes", "address the server binds to, a host name or IP literal"),
  PORT("port", 4334L, 0, 65535, "", "TCP port the server binds to; 0 picks a free one"),
  SERVER_ID("serverId", null, 1, 255, "bytes of UTF-8", "name the server gives in its CHALLENGE"),
  CLIENT_NAME("clientName", null, 1, 255, "bytes of UTF-8", "name the client gives in its HELLO"),
  MAX_FRAME_SIZE("maxFrameSize", 64L << 20, 64 << 10, 1L << 30, "bytes",
      "longest frame this side accepts after the handshake (kind and body, without the length)"),
  MAX_PENDING_WRITE_BYTES("maxPendingWriteBytes", 256L << 20, 64 << 10, Integer.MAX_VALUE, "bytes",
      "unsent output a server keeps for one session before it drops the session as too slow"),
  HANDSHAKE_TIMEOUT("handshakeTimeout", 10_000L, 10, 600_000, "ms",
      "time from connecting to a finished handshake, TLS included"),
  CONNECT_TIMEOUT("connectTimeout", 5_000L, 10, 600_000, "ms", "time to open a TCP connection"),
  REQUEST_TIMEOUT("requestTimeout", 10_000L, 1, 86_400_000, "ms",
      "default time a client waits for the answer to a request"),
  PING_INTERVAL("pingInterval", 5_000L, 10, 3_600_000, "ms",
      "a side that has written nothing for this long sends a PING; below the other side's idleTimeout"),
  IDLE_TIMEOUT("idleTimeout", 30_000L, 20, 86_400_000, "ms",
      "a connection that has received nothing for this long is closed; at least twice pingInterval"),
  RECONNECT_MIN_DELAY("reconnectMinDelay", 100L, 1, 600_000, "ms",
      "first wait before a client reconnects; doubled after each failed attempt"),
  RECONNECT_MAX_DELAY("reconnectMaxDelay", 5_000L, 1, 3_600_000, "ms", "longest wait between reconnect attempts"),
  SHUTDOWN_GRACE("shutdownGrace", 5_000L, 0, 600_000, "ms",
      "time a stopping server lets requests in flight finish before it closes the sessions");

  private final String key;
  private final Long defaultValue;
  private final long min;
  private final long max;
  private final String unit;
  private final String description;

  ProtocolSetting(String key, Long defaultValue, long min, long max, String unit, String description) {
    this.key = key;
    this.defaultValue = defaultValue;
    this.min = min;
    this.max = max;
    this.unit = unit;
    this.description = description;
  }

  /** The setting's name, as written in configuration and messages. */
  public String key() {
    return key;
  }

  /** The default (milliseconds for durations), or {@code null} if the setting has none. */
  public Long defaultValue() {
    return defaultValue;
  }

  /** The least allowed value (a length in bytes for text and secrets). */
  public long min() {
    return min;
  }

  /** The greatest allowed value (a length in bytes for text and secrets). */
  public long max() {
    return max;
  }

  public String unit() {
    return unit;
  }

  public String description() {
    return description;
  }

  /** The default as a duration; only for settings in milliseconds. */
  Duration defaultDuration() {
    return Duration.ofMillis(defaultValue);
  }

  /** The allowed range for messages, e.g. {@code 10..600000 ms}. */
  String range() {
    return min + ".." + max + (unit.isEmpty() ? "" : " " + unit);
  }

  long checkRange(long value) {
    if (value < min || value > max) {
      throw invalid(value + (unit.isEmpty() ? "" : " " + unit) + " is out of range");
    }
    return value;
  }

  Duration checkDuration(Duration value) {
    if (value == null) {
      throw invalid("missing");
    }
    if (value.compareTo(Duration.ofMillis(min)) < 0 || value.compareTo(Duration.ofMillis(max)) > 0) {
      throw invalid(value.toMillis() + " ms is out of range");
    }
    return value;
  }

  /** A copy of {@code secret} if its length is in range; messages never show the secret itself. */
  static byte[] checkSecret(byte[] secret) {
    if (secret == null) {
      throw SECRET.invalid("missing");
    }
    SECRET.checkRange(secret.length);
    return secret.clone();
  }

  /** {@code text} if its UTF-8 length is in range. */
  String checkText(String text) {
    if (text == null || text.isEmpty()) {
      throw invalid("missing");
    }
    int length = text.getBytes(StandardCharsets.UTF_8).length;
    if (length < min || length > max) {
      throw invalid("'" + text + "' has " + length + " bytes of UTF-8");
    }
    return text;
  }

  /** Checks that a side pings often enough not to be taken for idle by a peer of the same settings. */
  static void checkKeepalive(Duration pingInterval, Duration idleTimeout) {
    if (idleTimeout.compareTo(pingInterval.multipliedBy(2)) < 0) {
      throw IDLE_TIMEOUT.invalid(idleTimeout.toMillis() + " ms is less than twice " + PING_INTERVAL.key + " ("
          + pingInterval.toMillis() + " ms)");
    }
  }

  /** An error naming this setting, what was wrong and what is allowed. */
  ProtocolException invalid(String problem) {
    return new ProtocolException(ProtocolErrorCode.INVALID_CONFIGURATION,
        "protocol setting " + key + ": " + problem + "; expected "
            + (max > 0 ? range() + " (" + description + ")" : description));
  }
}
