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

  public TransactorConfig {
    if (database == null || !database.matches("[A-Za-z0-9][A-Za-z0-9_.-]{0,99}")) {
      throw new IllegalArgumentException("database name '" + database
          + "'; expected 1 to 100 letters, digits, '_', '.' or '-', starting with a letter or digit");
    }
    if (indexThresholdBytes < 1024) {
      throw new IllegalArgumentException("indexThresholdBytes " + indexThresholdBytes + "; expected at least 1024");
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
    return new TransactorConfig(database, 32L << 20, 512L << 20, 1000, 10_000, 1_000_000,
        Duration.ofSeconds(10), Set.of(), TreeConfig.DEFAULT, Clock.systemUTC());
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
