package org.datolite.transactor.server;

/**
 * Every setting of the standalone transactor: its name (in the properties file, in
 * {@code --set name=value}, and as its own flag {@code --name=value} or {@code --name value}), its
 * default, and what it means. The one source of truth for configuration, documented in
 * docs/transactor.md.
 */
public enum TransactorSetting {
  STORAGE("storage", null, "Storage address: file:PATH, postgresql://HOST:PORT/DATABASE?user=…, or mem:NAME."),
  DATABASE("database", null, "Name of the database to serve (letters, digits, '_', '.', '-')."),
  HOST("host", "127.0.0.1", "Address to listen on; 0.0.0.0 for every interface."),
  PORT("port", "4334", "Port to listen on; 0 for any free port."),
  ADVERTISE_HOST("advertise-host", null, "Host that peers connect to, published in storage (default: host)."),
  SECRET_FILE("secret-file", null, "File holding the shared secret peers authenticate with (16 to 1024 bytes)."),
  SECRET_ENV("secret-env", "DATOLITE_TRANSACTOR_SECRET", "Environment variable holding the secret, if no file."),
  HEARTBEAT_MS("heartbeat-ms", "5000", "Lease heartbeat; a standby takes over after two missed heartbeats."),
  INDEX_THRESHOLD_MB("index-threshold-mb", "32", "Novelty (MiB) that starts a background index job."),
  MAX_NOVELTY_MB("max-novelty-mb", "512", "Novelty (MiB) at which writes wait for indexing; at least twice index-threshold-mb."),
  MAX_TX_DATOMS("max-tx-datoms", "1000000", "Most datoms one transaction may add; larger ones are rejected as TOO_LARGE."),
  GC_OLDER_THAN_MINUTES("gc-older-than-minutes", "0", "While active, delete storage garbage older than this"
      + " every half of it (0: never; else at least 10, longer than any index job)."),
  TLS_CERT("tls-cert", null, "PEM certificate chain; with tls-key, peers must use TLS."),
  TLS_KEY("tls-key", null, "PEM private key (PKCS#8) for tls-cert."),
  ALLOWED_PREDICATE_CLASSES("allowed-predicate-classes", "", "Comma-separated classes whose static methods entity specs may call.");

  private final String key;
  private final String defaultValue;
  private final String description;

  TransactorSetting(String key, String defaultValue, String description) {
    this.key = key;
    this.defaultValue = defaultValue;
    this.description = description;
  }

  public String key() {
    return key;
  }

  /** The default, or null if the setting must be given (or is optional). */
  public String defaultValue() {
    return defaultValue;
  }

  public String description() {
    return description;
  }
}
