package org.datolite.storage.kv.file;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.datolite.storage.StorageErrorCode;
import org.datolite.storage.StorageException;
import org.datolite.storage.kv.KeyValueStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kills a process writing to a file store (SIGKILL, at random moments) and checks what survived,
 * round after round on the same directory: every acknowledged write is there with its exact
 * bytes, every other key present has its exact bytes too, every batch is there entirely or not
 * at all, acknowledged deletes stay deleted, and the counter is at least at its last acknowledged
 * revision. Every third round compacts in a loop while writing; the last of those is killed in
 * the middle of a compaction. Every fourth round also gets part of a record appended after the
 * kill, as a crash in the middle of a write leaves it.
 *
 * <p>The seed is in every failure message; {@code -Ddatolite.crashSeed=N} replays its timings
 * and values (the kill moments of a replay differ by scheduling, so a failure may need a few runs).
 */
class FileStoreCrashTest {
  private static final int ROUNDS = 9;

  @TempDir
  Path temp;

  private final Set<String> ackedPuts = new HashSet<>();
  private final Map<String, Integer> ackedBatches = new HashMap<>();
  private final Set<String> deleteAttempted = new HashSet<>();
  private final Set<String> ackedDeletes = new HashSet<>();
  private long ackedRev;
  private int compactionsBegun;
  private int killsDuringCompaction;

  @Test
  void killedWriter_keepsEveryAcknowledgedWriteAndNothingTorn() throws Exception {
    long seed = Long.getLong("datolite.crashSeed", System.nanoTime());
    Random random = new Random(seed);
    Path dir = temp.resolve("store");
    for (int round = 0; round < ROUNDS; round++) {
      boolean compacting = round % 3 == 2;
      String context = "seed " + seed + " (rerun with -Ddatolite.crashSeed=" + seed + "), round " + round;
      Child child = Child.start(dir, seed, round, compacting, temp.resolve("child-" + round + ".err"));
      try {
        child.await("ready", context);
        if (round == 0) {
          StorageException e = assertThrows(StorageException.class, () -> FileStore.open(dir), context);
          assertEquals(StorageErrorCode.STORE_LOCKED, e.code(), context);
        }
        Thread.sleep(100 + random.nextInt(700));
        if (compacting && round == ROUNDS - 1) {
          child.await("compact-begin", context);
          Thread.sleep(random.nextInt(40));
        }
        assertTrue(child.process.isAlive(), context + ": the writer exited early: " + child.errors());
      } finally {
        child.kill();
      }
      record(child.lines, compacting);
      assertFalse(Files.exists(dir.resolve(CleanClose.FILE)),
          context + ": a killed store left a clean-close record (its open must remove the record before writing)");
      if (round % 4 == 3) {
        appendTornWrite(dir, random, round);
      }
      verify(dir, seed, context);
      assertNull(readKey(dir, "torn/" + round), context + ": a torn write became visible");
    }
    assertTrue(ackedPuts.size() + ackedBatches.size() > 20, "seed " + seed + ": too little written to test anything");
    assertTrue(compactionsBegun > 0, "seed " + seed + ": no round compacted");
    System.out.printf("FileStoreCrashTest seed %d: %d rounds, %d puts, %d batches, %d deletes acknowledged, "
        + "counter rev %d, %d compactions begun, %d kills during a compaction%n", seed, ROUNDS, ackedPuts.size(),
        ackedBatches.size(), ackedDeletes.size(), ackedRev, compactionsBegun, killsDuringCompaction);
  }

  private void record(List<String> lines, boolean compacting) {
    int openCompactions = 0;
    for (String line : lines) {
      String[] f = line.split(" ");
      switch (f[0]) {
        case "put" -> ackedPuts.add(f[1]);
        case "batch" -> ackedBatches.put(f[1], Integer.parseInt(f[2]));
        case "cas" -> ackedRev = Math.max(ackedRev, Long.parseLong(f[1]));
        case "del?" -> deleteAttempted.add(f[1]);
        case "del!" -> ackedDeletes.add(f[1]);
        case "compact-begin" -> {
          compactionsBegun++;
          openCompactions++;
        }
        case "compact-end" -> openCompactions--;
        default -> { }
      }
    }
    if (compacting && openCompactions > 0) {
      killsDuringCompaction++;
    }
  }

  /**
   * Appends part of a record to the newest data file, as a crash in the middle of an
   * unacknowledged write would leave it (process kills rarely do: the kernel finishes a write).
   */
  private static void appendTornWrite(Path dir, Random random, int round) throws IOException {
    Path newest;
    try (Stream<Path> files = Files.list(dir)) {
      newest = files.filter(p -> p.getFileName().toString().matches("data-\\d+\\.dat")).max(Path::compareTo).orElseThrow();
    }
    byte[] key = ("torn/" + round).getBytes(StandardCharsets.UTF_8);
    byte[] value = new byte[1 + random.nextInt(20_000)];
    random.nextBytes(value);
    ByteBuffer head = FileRecord.encode(Files.size(newest), true, FileRecord.OP_PUT, key, 0, value);
    ByteBuffer record = ByteBuffer.allocate(head.remaining() + value.length).put(head).put(value).flip();
    record.limit(1 + random.nextInt(record.limit() - 1));
    try (FileChannel ch = FileChannel.open(newest, StandardOpenOption.APPEND)) {
      ch.write(record);
    }
  }

  private static byte[] readKey(Path dir, String key) {
    try (FileStore store = FileStore.open(dir, FileStoreCrashWriter.options().withoutAutomaticCompaction())) {
      return store.get(key);
    }
  }

  private void verify(Path dir, long seed, String context) {
    try (FileStore store = FileStore.open(dir, FileStoreCrashWriter.options().withoutAutomaticCompaction())) {
      for (String key : ackedPuts) {
        if (!deleteAttempted.contains(key)) {
          assertArrayEquals(FileStoreCrashWriter.value(seed, key), store.get(key),
              context + ": acknowledged put of " + key + " lost or changed");
        }
      }
      for (Map.Entry<String, Integer> batch : ackedBatches.entrySet()) {
        for (int i = 0; i < batch.getValue(); i++) {
          String key = FileStoreCrashWriter.batchKey(batch.getKey(), i, batch.getValue());
          assertNotNull(store.get(key), context + ": key " + key + " of an acknowledged batch lost");
        }
      }
      for (String key : ackedDeletes) {
        assertNull(store.get(key), context + ": acknowledged delete of " + key + " undone");
      }
      Map<String, Integer> batchCounts = new HashMap<>();
      for (String key : store.keys("")) {
        if (key.equals(FileStoreCrashWriter.COUNTER)) {
          continue;
        }
        assertArrayEquals(FileStoreCrashWriter.value(seed, key), store.get(key),
            context + ": key " + key + " is present with other bytes than written");
        if (key.contains("/b")) {
          batchCounts.merge(key.substring(0, key.lastIndexOf('/')), 1, Integer::sum);
        }
      }
      batchCounts.forEach((batch, count) -> {
        String last = store.keys(batch + "/").get(0);
        int size = Integer.parseInt(last.substring(last.indexOf("of") + 2));
        assertEquals(size, count, context + ": batch " + batch + " is partly present");
      });
      KeyValueStore.Versioned counter = store.getVersioned(FileStoreCrashWriter.COUNTER);
      long rev = counter == null ? 0 : counter.rev();
      assertTrue(rev >= ackedRev, context + ": counter at rev " + rev + ", acknowledged " + ackedRev);
      if (counter != null) {
        assertArrayEquals(FileStoreCrashWriter.counterValue(seed, rev), counter.value(),
            context + ": counter value at rev " + rev);
      }
      ackedRev = rev; // the next round goes on from the rev that survived
    }
  }

  /** A writer process and the complete lines it printed. */
  private static final class Child {
    final Process process;
    final Path errors;
    final List<String> lines = Collections.synchronizedList(new ArrayList<>());
    final BlockingQueue<String> arrivals = new LinkedBlockingQueue<>();
    final Thread reader;

    private Child(Process process, Path errors) {
      this.process = process;
      this.errors = errors;
      this.reader = new Thread(this::readLines, "crash-child-reader");
      reader.setDaemon(true);
      reader.start();
    }

    static Child start(Path dir, long seed, int round, boolean compacting, Path errors) throws IOException {
      String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
      ProcessBuilder pb = new ProcessBuilder(java, "-Xmx1g", "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn",
          "-cp", System.getProperty("java.class.path"), FileStoreCrashWriter.class.getName(),
          dir.toString(), Long.toString(seed), Integer.toString(round), Boolean.toString(compacting));
      pb.redirectError(errors.toFile());
      return new Child(pb.start(), errors);
    }

    private void readLines() {
      try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
        for (String line = in.readLine(); line != null; line = in.readLine()) {
          if (line.endsWith(" .")) { // else cut short by the kill
            String complete = line.substring(0, line.length() - 2);
            lines.add(complete);
            arrivals.add(complete);
          }
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    void await(String prefix, String context) throws InterruptedException {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      while (System.nanoTime() < deadline) {
        String line = arrivals.poll(50, TimeUnit.MILLISECONDS);
        if (line != null && line.startsWith(prefix)) {
          return;
        }
        if (line == null && !process.isAlive() && !reader.isAlive() && arrivals.isEmpty()) {
          break;
        }
      }
      fail(context + ": no '" + prefix + "' from the writer; its errors: " + errors());
    }

    void kill() throws InterruptedException {
      // SIGKILL. Not Process.destroyForcibly(): that also closes our end of the pipe, losing
      // acknowledgements the child printed but the reader had not read yet.
      process.toHandle().destroyForcibly();
      process.waitFor(30, TimeUnit.SECONDS);
      reader.join(TimeUnit.SECONDS.toMillis(30));
    }

    String errors() {
      try {
        String text = Files.readString(errors);
        return text.length() > 4000 ? text.substring(0, 4000) + "…" : text;
      } catch (IOException e) {
        return "(unreadable: " + e + ")";
      }
    }
  }
}
