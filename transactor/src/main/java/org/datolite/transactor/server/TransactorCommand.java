package org.datolite.transactor.server;

import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import java.io.IOException;
import java.io.Reader;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Collectors;
import org.datolite.storage.kv.KeyValueStore;
import org.datolite.storage.kv.Stores;
import org.datolite.storage.tree.SegmentCache;
import org.datolite.transactor.TransactorConfig;
import org.datolite.transactor.protocol.ProtocolException;
import org.datolite.transactor.protocol.ProtocolSetting;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The standalone transactor: {@code java -jar transactor/target/datolite-transactor.jar
 * --config transactor.properties}. It starts as a standby, becomes active when it holds the
 * lease, logs its endpoint, and on SIGTERM (or Ctrl-C) stops cleanly and releases the lease so
 * that a standby takes over at once.
 *
 * <p>Settings ({@link TransactorSetting}) come from the properties file, overridden by
 * {@code --set name=value}, overridden in turn by the setting's own flag, {@code --name=value} or
 * {@code --name value} (one per setting, made from the enum). Every value is trimmed. The secret
 * never appears on the command line: it is read from a file or an environment variable.
 *
 * <p>Exit status: 2 for a bad command line or setting, 1 if the store cannot be opened or the
 * port cannot be bound (at start, or later when a standby becomes active).
 */
@Command(name = "datolite-transactor", mixinStandardHelpOptions = true, version = "Datolite 0.1.0-SNAPSHOT",
    description = "Runs a Datolite transactor (active, or standby until the active one fails).",
    modelTransformer = TransactorCommand.SettingFlags.class)
public final class TransactorCommand implements Callable<Integer> {
  private static final Logger LOG = LoggerFactory.getLogger(TransactorCommand.class);

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Option(names = "--config", description = "Properties file with the settings below.")
  Path config;

  @Option(names = "--set", paramLabel = "NAME=VALUE",
      description = "A setting, overriding the file (a setting's own flag overrides this); repeatable.")
  Map<String, String> overrides = new LinkedHashMap<>();

  @Option(names = "--list-settings", description = "Lists every setting with its default and exits.")
  boolean listSettings;

  private final CountDownLatch stopped = new CountDownLatch(1);

  public static void main(String[] args) {
    System.exit(new CommandLine(new TransactorCommand()).execute(args));
  }

  /** Adds a flag {@code --name VALUE} for every {@link TransactorSetting} (picocli builds the rest from annotations). */
  public static final class SettingFlags implements CommandLine.IModelTransformer {
    @Override
    public CommandLine.Model.CommandSpec transform(CommandLine.Model.CommandSpec spec) {
      for (TransactorSetting s : TransactorSetting.values()) {
        spec.addOption(CommandLine.Model.OptionSpec.builder(flag(s))
            .paramLabel("VALUE")
            .type(String.class)
            .description(s.description() + (s.defaultValue() == null ? "" : s.defaultValue().isEmpty()
                ? " Default: empty." : " Default: " + s.defaultValue() + "."))
            .build());
      }
      return spec;
    }
  }

  static String flag(TransactorSetting s) {
    return "--" + s.key();
  }

  @Override
  public Integer call() throws Exception {
    if (listSettings) {
      for (TransactorSetting s : TransactorSetting.values()) {
        spec.commandLine().getOut().printf("%-26s %-28s %s%n", s.key(),
            s.defaultValue() == null ? "(none)" : s.defaultValue().isEmpty() ? "(empty)" : s.defaultValue(), s.description());
      }
      return 0;
    }
    Map<TransactorSetting, String> settings = settings();
    TransactorConfig txConfig = TransactorConfig.defaults(require(settings, TransactorSetting.DATABASE))
        .withIndexThreshold(mib(settings, TransactorSetting.INDEX_THRESHOLD_MB))
        .withAllowedPredicateClasses(Set.of(settings.get(TransactorSetting.ALLOWED_PREDICATE_CLASSES).split("\\s*,\\s*"))
            .stream().filter(c -> !c.isEmpty()).collect(Collectors.toSet()));
    long maxNovelty = mib(settings, TransactorSetting.MAX_NOVELTY_MB);
    if (maxNovelty < 2 * txConfig.indexThresholdBytes()) {
      LOG.warn("setting '{}' is {} MiB, less than twice '{}' ({} MiB); using {} MiB", TransactorSetting.MAX_NOVELTY_MB.key(),
          maxNovelty >> 20, TransactorSetting.INDEX_THRESHOLD_MB.key(), txConfig.indexThresholdBytes() >> 20,
          (2 * txConfig.indexThresholdBytes()) >> 20);
      maxNovelty = 2 * txConfig.indexThresholdBytes();
    }
    txConfig = new TransactorConfig(txConfig.database(), txConfig.indexThresholdBytes(),
        maxNovelty, txConfig.maxBatch(), txConfig.queueCapacity(),
        integer(settings, TransactorSetting.MAX_TX_DATOMS, 1, 100_000_000), txConfig.transactTimeout(),
        txConfig.allowedPredicateClasses(), txConfig.tree(),
        txConfig.clock());
    String host = settings.get(TransactorSetting.HOST);
    String advertised = settings.get(TransactorSetting.ADVERTISE_HOST) != null ? settings.get(TransactorSetting.ADVERTISE_HOST)
        : host.equals("0.0.0.0") ? InetAddress.getLocalHost().getCanonicalHostName() : host;
    TransactorServer.Settings serverSettings = new TransactorServer.Settings(host,
        integer(settings, TransactorSetting.PORT, 0, 65535), advertised, secret(settings),
        Duration.ofMillis(integer(settings, TransactorSetting.HEARTBEAT_MS, 10, 600_000)), tls(settings));

    KeyValueStore kv = Stores.open(require(settings, TransactorSetting.STORAGE));
    TransactorServer server;
    try {
      server = TransactorServer.start(kv, new SegmentCache(), txConfig, serverSettings);
    } catch (ProtocolException e) { // the port is taken
      kv.close();
      spec.commandLine().getErr().println(e.getMessage());
      return 1;
    }
    int gcMinutes = integer(settings, TransactorSetting.GC_OLDER_THAN_MINUTES, 0, 1_000_000);
    if (gcMinutes > 0 && gcMinutes < 10) {
      server.close();
      kv.close();
      spec.commandLine().getErr().println("setting 'gc-older-than-minutes' is " + gcMinutes + "; expected 0 (off) or at"
          + " least 10 (a collection must not delete what a running index job wrote)");
      return 2;
    }
    if (gcMinutes > 0) {
      server.collectGarbageEvery(Duration.ofMinutes(gcMinutes));
    }
    LOG.info("transactor for database {} on {} started; standby until it holds the lease", txConfig.database(),
        kv.describe());
    Thread hook = new Thread(() -> {
      LOG.info("stopping: releasing the lease");
      server.close();
      kv.close();
      stopped.countDown();
    }, "datolite-shutdown");
    Runtime.getRuntime().addShutdownHook(hook);
    server.awaitStopped();
    if (server.failure() != null) {
      // It stopped by itself (it could not bind its port on becoming active) and released the lease.
      spec.commandLine().getErr().println(server.failure().getMessage());
      try {
        Runtime.getRuntime().removeShutdownHook(hook);
        kv.close();
      } catch (IllegalStateException e) {
        // already shutting down: the hook closes the store
      }
      return 1;
    }
    stopped.await();
    return 0;
  }

  /**
   * The settings, each from the first of: its flag, {@code --set}, the properties file, its
   * default; every value trimmed.
   */
  Map<TransactorSetting, String> settings() throws IOException {
    Map<String, String> raw = new LinkedHashMap<>();
    if (config != null) {
      Properties p = new Properties();
      try (Reader r = Files.newBufferedReader(config, StandardCharsets.UTF_8)) {
        p.load(r);
      }
      p.stringPropertyNames().forEach(k -> raw.put(k, p.getProperty(k).trim()));
    }
    overrides.forEach((k, v) -> raw.put(k.trim(), v.trim()));
    CommandLine.ParseResult parsed = spec.commandLine().getParseResult();
    for (TransactorSetting s : TransactorSetting.values()) {
      if (parsed != null && parsed.hasMatchedOption(flag(s))) {
        raw.put(s.key(), parsed.<String>matchedOptionValue(flag(s), "").trim());
      }
    }
    Map<String, TransactorSetting> byKey = new LinkedHashMap<>();
    for (TransactorSetting s : TransactorSetting.values()) {
      byKey.put(s.key(), s);
    }
    Set<String> unknown = new TreeSet<>(raw.keySet());
    unknown.removeAll(byKey.keySet());
    if (!unknown.isEmpty()) {
      throw new CommandLine.ParameterException(spec.commandLine(), "unknown setting(s) " + unknown
          + "; expected some of " + byKey.keySet() + " (see --list-settings)");
    }
    Map<TransactorSetting, String> out = new EnumMap<>(TransactorSetting.class);
    for (TransactorSetting s : TransactorSetting.values()) {
      String v = raw.getOrDefault(s.key(), s.defaultValue());
      if (v != null) {
        out.put(s, v);
      }
    }
    return out;
  }

  private String require(Map<TransactorSetting, String> settings, TransactorSetting s) {
    String v = settings.get(s);
    if (v == null || v.isBlank()) {
      throw new CommandLine.ParameterException(spec.commandLine(), "setting '" + s.key() + "' is required: "
          + s.description());
    }
    return v;
  }

  private int integer(Map<TransactorSetting, String> settings, TransactorSetting s, int min, int max) {
    String v = settings.get(s);
    try {
      int n = Integer.parseInt(v);
      if (n < min || n > max) {
        throw new NumberFormatException();
      }
      return n;
    } catch (NumberFormatException e) {
      throw new CommandLine.ParameterException(spec.commandLine(), "setting '" + s.key() + "' is '" + v
          + "'; expected a whole number from " + min + " to " + max);
    }
  }

  private long mib(Map<TransactorSetting, String> settings, TransactorSetting s) {
    return (long) integer(settings, s, 1, 1 << 20) << 20;
  }

  private byte[] secret(Map<TransactorSetting, String> settings) throws IOException {
    byte[] secret;
    String file = settings.get(TransactorSetting.SECRET_FILE);
    String source;
    if (file != null) {
      source = "the secret in '" + TransactorSetting.SECRET_FILE.key() + "' " + file;
      secret = Files.readAllBytes(Path.of(file));
      // A trailing newline from an editor is not part of the secret.
      int n = secret.length;
      while (n > 0 && (secret[n - 1] == '\n' || secret[n - 1] == '\r')) {
        n--;
      }
      secret = Arrays.copyOf(secret, n);
    } else {
      String env = System.getenv(settings.get(TransactorSetting.SECRET_ENV));
      if (env == null) {
        throw new CommandLine.ParameterException(spec.commandLine(), "no secret: set 'secret-file' or the environment"
            + " variable " + settings.get(TransactorSetting.SECRET_ENV));
      }
      secret = env.getBytes(StandardCharsets.UTF_8);
      source = "the secret in the environment variable " + settings.get(TransactorSetting.SECRET_ENV) + " ('"
          + TransactorSetting.SECRET_ENV.key() + "')";
    }
    if (secret.length < ProtocolSetting.SECRET.min() || secret.length > ProtocolSetting.SECRET.max()) {
      throw new CommandLine.ParameterException(spec.commandLine(), source + " has " + secret.length
          + " bytes; expected " + ProtocolSetting.SECRET.min() + " to " + ProtocolSetting.SECRET.max() + " bytes");
    }
    return secret;
  }

  private SslContext tls(Map<TransactorSetting, String> settings) throws IOException {
    String cert = settings.get(TransactorSetting.TLS_CERT);
    String key = settings.get(TransactorSetting.TLS_KEY);
    if (cert == null && key == null) {
      return null;
    }
    if (cert == null || key == null) {
      throw new CommandLine.ParameterException(spec.commandLine(), "TLS needs both 'tls-cert' and 'tls-key'");
    }
    return SslContextBuilder.forServer(Path.of(cert).toFile(), Path.of(key).toFile()).build();
  }
}
