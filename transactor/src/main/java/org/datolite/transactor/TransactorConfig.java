package org.datolite.transactor;

import java.time.Clock;
import java.time.Duration;
import java.util.Set;
import org.datolite.storage.tree.TreeConfig;

/**
 * The settings of one transactor, validated when built.
 *
 * @param database the database name; every storage key of the database starts with
 *     {@code database + "/"}
 * @param indexThresholdBytes novelty (in estimated heap bytes) that starts an index job
 *     (Datomic: 32 MB)
 * @param maxNoveltyBytes novelty at which writes wait for indexing (back-pressure; Datomic:
 *     512 MB)
 * @param maxBatch most transactions written in one group commit
 * @param queueCapacity transactions waiting to be processed before submitters are refused
 * @param maxTxDatoms most datoms one transaction may add
 * @param transactTimeout how long a synchronous transact waits for its outcome
 * @param allowedPredicateClasses classes whose static methods entity specs may call
 * @param tree the shape of index trees
 * @param clock the source of {@code :db/txInstant}
 */
public record TransactorConfig(
    String database,
    long indexThresholdBytes,
    long maxNoveltyBytes,
    int maxBatch,
    int queueCapacity,
    int maxTxDatoms,
    Duration transactTimeout,
    Set<String> allowedPredicateClasses,
    TreeConfig tree,
    Clock clock) {

  /** Datomic's default {@code memory-index-threshold} (32 MB): the novelty that starts an index job. */
  public static final long DEFAULT_INDEX_THRESHOLD_BYTES = 32L << 20;
  /** Datomic's default {@code memory-index-max} (512 MB): the novelty at which writes wait for indexing. */
  public static final long DEFAULT_MAX_NOVELTY_BYTES = 512L << 20;
  /**
   * The group-commit limit, as documented since issue 3 (docs/transactor.md): a thousand small
   * transactions make a log block of a few hundred KiB, one durable write well under the size at
   * which a NOVELTY push is split.
   */
  public static final int DEFAULT_MAX_BATCH = 1000;
  /** Ten full batches waiting before submitters are refused with {@code OVERLOADED} (documented since issue 3). */
  public static final int DEFAULT_QUEUE_CAPACITY = 10_000;
  /** The most datoms one transaction may add ({@code TOO_LARGE} beyond; documented since issue 3). */
  public static final int DEFAULT_MAX_TX_DATOMS = 1_000_000;
  /** How long a synchronous transact waits: the same 10 s as the peer's client ({@code TransactorClient.DEFAULT_TIMEOUT}). */
  public static final Duration DEFAULT_TRANSACT_TIMEOUT = Duration.ofSeconds(10);
  /** The smallest index threshold: low enough for tests to force many index jobs, not so low that every transaction starts one. */
  public static final long MIN_INDEX_THRESHOLD_BYTES = 1024;

  public TransactorConfig {
    if (database == null || !database.matches("[A-Za-z0-9][A-Za-z0-9_.-]{0,99}")) {
      throw new IllegalArgumentException("database name '" + database
          + "'; expected 1 to 100 letters, digits, '_', '.' or '-', starting with a letter or digit");
    }
    if (indexThresholdBytes < MIN_INDEX_THRESHOLD_BYTES) {
      throw new IllegalArgumentException("indexThresholdBytes " + indexThresholdBytes + "; expected at least "
          + MIN_INDEX_THRESHOLD_BYTES);
    }
    if (maxNoveltyBytes < 2 * indexThresholdBytes) {
      throw new IllegalArgumentException("maxNoveltyBytes " + maxNoveltyBytes
          + "; expected at least twice indexThresholdBytes (" + 2 * indexThresholdBytes + ")");
    }
    if (maxBatch < 1 || queueCapacity < 1 || maxTxDatoms < 1) {
      throw new IllegalArgumentException("maxBatch " + maxBatch + ", queueCapacity " + queueCapacity
          + ", maxTxDatoms " + maxTxDatoms + "; expected each at least 1");
    }
    if (transactTimeout == null || transactTimeout.isNegative() || transactTimeout.isZero()) {
      throw new IllegalArgumentException("transactTimeout " + transactTimeout + "; expected a positive duration");
    }
    allowedPredicateClasses = Set.copyOf(allowedPredicateClasses);
  }

  /** Defaults: 32 MiB index threshold, 512 MiB back-pressure, batches of up to 1000, 10 s timeout. */
  public static TransactorConfig defaults(String database) {
    return new TransactorConfig(database, DEFAULT_INDEX_THRESHOLD_BYTES, DEFAULT_MAX_NOVELTY_BYTES, DEFAULT_MAX_BATCH,
        DEFAULT_QUEUE_CAPACITY, DEFAULT_MAX_TX_DATOMS, DEFAULT_TRANSACT_TIMEOUT, Set.of(), TreeConfig.DEFAULT,
        Clock.systemUTC());
  }

  public TransactorConfig withIndexThreshold(long bytes) {
    return new TransactorConfig(database, bytes, Math.max(maxNoveltyBytes, 2 * bytes), maxBatch, queueCapacity,
        maxTxDatoms, transactTimeout, allowedPredicateClasses, tree, clock);
  }

  public TransactorConfig withTree(TreeConfig treeConfig) {
    return new TransactorConfig(database, indexThresholdBytes, maxNoveltyBytes, maxBatch, queueCapacity,
        maxTxDatoms, transactTimeout, allowedPredicateClasses, treeConfig, clock);
  }

  public TransactorConfig withClock(Clock newClock) {
    return new TransactorConfig(database, indexThresholdBytes, maxNoveltyBytes, maxBatch, queueCapacity,
        maxTxDatoms, transactTimeout, allowedPredicateClasses, tree, newClock);
  }

  public TransactorConfig withAllowedPredicateClasses(Set<String> classes) {
    return new TransactorConfig(database, indexThresholdBytes, maxNoveltyBytes, maxBatch, queueCapacity,
        maxTxDatoms, transactTimeout, classes, tree, clock);
  }

  /** The prefix of every storage key of the database. */
  public String keyPrefix() {
    return database + "/";
  }
}
