package org.datolite.storage.kv.file;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import org.datolite.storage.kv.KeyValueStore;

/**
 * The child process of {@link FileStoreCrashTest}: writes to a file store until it is killed,
 * printing a line after each call returns. Every line ends with {@code " ."} so that the parent
 * can ignore a line cut short by the kill.
 *
 * <p>Lines: {@code ready}; {@code put KEY} (putIfAbsent returned); {@code batch PREFIX N}
 * (putAllIfAbsent of {@code PREFIX/0ofN .. PREFIX/N-1ofN} returned); {@code cas REV} (the counter
 * now has rev REV); {@code del? KEY} before and {@code del! KEY} after a delete;
 * {@code compact-begin N} and {@code compact-end N} around compactions.
 *
 * <p>Arguments: directory, seed, round, and {@code true} to compact in a loop on a second thread.
 */
public final class FileStoreCrashWriter {
  static final String COUNTER = "counter";

  private FileStoreCrashWriter() {}

  /** Small files and eager automatic compaction, so that a few seconds exercise both. */
  static FileStoreOptions options() {
    return FileStoreOptions.defaults().withMaxFileSize(2 << 20).withCompaction(1 << 20, 0.3);
  }

  /** The value of a data key: mostly small, some up to about 1 MB. */
  static byte[] value(long seed, String key) {
    Random r = new Random(seed * 0x9E3779B97F4A7C15L + key.hashCode() * 31L + key.length());
    int kind = r.nextInt(100);
    int size = kind < 60 ? r.nextInt(200)
        : kind < 90 ? 1_000 + r.nextInt(15_000)
        : kind < 98 ? 50_000 + r.nextInt(150_000)
        : 500_000 + r.nextInt(550_000);
    byte[] b = new byte[size];
    r.nextBytes(b);
    byte[] name = key.getBytes(StandardCharsets.UTF_8); // makes values of different keys differ
    System.arraycopy(name, 0, b, 0, Math.min(name.length, b.length));
    return b;
  }

  /** The value the counter holds at {@code rev}. */
  static byte[] counterValue(long seed, long rev) {
    return value(seed, COUNTER + "@" + rev);
  }

  static String batchKey(String prefix, int index, int size) {
    return prefix + "/" + index + "of" + size;
  }

  private static void say(String line) {
    PrintStream out = System.out;
    synchronized (out) {
      out.print(line + " .\n");
      out.flush();
    }
  }

  public static void main(String[] args) throws Exception {
    Path dir = Path.of(args[0]);
    long seed = Long.parseLong(args[1]);
    int round = Integer.parseInt(args[2]);
    boolean compactLoop = Boolean.parseBoolean(args[3]);
    try (FileStore store = FileStore.open(dir, options())) {
      say("ready");
      if (compactLoop) {
        Thread compactor = new Thread(() -> {
          try {
            for (int n = 0; ; n++) {
              say("compact-begin " + n);
              store.compact();
              say("compact-end " + n);
            }
          } catch (RuntimeException e) {
            e.printStackTrace();
            Runtime.getRuntime().halt(3); // the parent reports the early exit with this output
          }
        }, "crash-compactor");
        compactor.setDaemon(true);
        compactor.start();
      }
      Random random = new Random(seed * 1_000_003L + round);
      KeyValueStore.Versioned counter = store.getVersioned(COUNTER);
      long rev = counter == null ? 0 : counter.rev();
      for (int i = 0; ; i++) {
        int action = random.nextInt(10);
        String prefix = "r" + round + "/";
        if (action < 5) {
          String key = prefix + "p" + i;
          if (!store.putIfAbsent(key, value(seed, key))) {
            throw new IllegalStateException("key " + key + " was present before it was written");
          }
          say("put " + key);
        } else if (action < 7) {
          String batch = prefix + "b" + i;
          int size = 2 + random.nextInt(7);
          Map<String, byte[]> entries = new LinkedHashMap<>();
          for (int j = 0; j < size; j++) {
            entries.put(batchKey(batch, j, size), value(seed, batchKey(batch, j, size)));
          }
          if (!store.putAllIfAbsent(entries).isEmpty()) {
            throw new IllegalStateException("batch " + batch + " was present before it was written");
          }
          say("batch " + batch + " " + size);
        } else if (action < 9) {
          if (!store.compareAndSet(COUNTER, rev, counterValue(seed, rev + 1))) {
            throw new IllegalStateException("counter is not at rev " + rev + ": " + store.getVersioned(COUNTER));
          }
          rev++;
          say("cas " + rev);
        } else if (i > 0) {
          String key = prefix + "p" + random.nextInt(i);
          say("del? " + key);
          store.delete(key);
          say("del! " + key);
        }
      }
    }
  }
}
