package org.datolite.storage.kv.file;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.datolite.storage.StorageErrorCode;
import org.datolite.storage.StorageException;
import org.datolite.storage.kv.KeyValueStore;
import org.datolite.storage.kv.KeyValueStoreContract;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileStoreTest extends KeyValueStoreContract {
  /** The file header, and the fixed part of a record. */
  private static final int FILE_HEADER = 20;
  private static final int RECORD_HEADER = 36;
  private static final String FIRST_FILE = "data-0000000001.dat";

  @TempDir
  Path temp;

  private Path dir() {
    return temp.resolve("store");
  }

  @Override
  protected KeyValueStore openStore() {
    return FileStore.open(dir());
  }

  @Override
  protected KeyValueStore reopen(KeyValueStore old) {
    old.close();
    return FileStore.open(dir());
  }

  private FileStore reopenWith(FileStoreOptions options) {
    store.close();
    FileStore reopened = FileStore.open(dir(), options);
    store = reopened;
    return reopened;
  }

  private FileStore reopenFile() {
    return reopenWith(FileStoreOptions.defaults());
  }

  private List<Path> dataFiles() throws IOException {
    try (Stream<Path> s = Files.list(dir())) {
      return s.filter(p -> p.getFileName().toString().endsWith(".dat")).sorted().toList();
    }
  }

  private static byte[] filled(int length, int seed) {
    byte[] b = new byte[length];
    new Random(seed).nextBytes(b);
    return b;
  }

  /** Writes a, b and c with 1000-byte values, one write each, and closes the store. */
  private void writeThreeRecordsAndClose() {
    for (String k : List.of("a", "b", "c")) {
      assertTrue(store.putIfAbsent(k, filled(1000, k.charAt(0))));
    }
    store.close();
  }

  /** As {@link #writeThreeRecordsAndClose}, but leaves the directory as a kill after the last write would. */
  private void writeThreeRecordsAndCrash() throws IOException {
    for (String k : List.of("a", "b", "c")) {
      assertTrue(store.putIfAbsent(k, filled(1000, k.charAt(0))));
    }
    crash();
  }

  /**
   * Closes the store, leaving its directory as a kill at this moment would: the data files as
   * they are now (every write was forced), without what a clean close adds.
   */
  private void crash() throws IOException {
    Path saved = Files.createDirectories(temp.resolve("at-crash"));
    for (Path f : dataFiles()) {
      Files.copy(f, saved.resolve(f.getFileName()));
    }
    store.close();
    try (Stream<Path> s = Files.list(dir())) {
      for (Path f : s.toList()) {
        Files.delete(f);
      }
    }
    try (Stream<Path> s = Files.list(saved)) {
      for (Path f : s.toList()) {
        Files.move(f, dir().resolve(f.getFileName()));
      }
    }
  }

  /** The offset of the record of the single-letter key at {@code index} written by {@link #writeThreeRecordsAndClose}. */
  private static long recordOffset(int index) {
    return FILE_HEADER + index * (RECORD_HEADER + 1 + 1000L);
  }

  private static void flipByte(Path file, long offset) throws IOException {
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
      ByteBuffer b = ByteBuffer.allocate(1);
      ch.read(b, offset);
      b.put(0, (byte) (b.get(0) ^ 0x5A)).rewind();
      ch.write(b, offset);
    }
  }

  private static void truncateBy(Path file, long bytes) throws IOException {
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
      ch.truncate(ch.size() - bytes);
    }
  }

  @Test
  void open_secondOpener_failsWithStoreLockedNamingTheDirectory() {
    StorageException e = assertThrows(StorageException.class, () -> FileStore.open(dir()));
    assertEquals(StorageErrorCode.STORE_LOCKED, e.code());
    assertTrue(e.getMessage().contains(dir().toString()), e.getMessage());
  }

  @Test
  void open_afterClose_succeedsAgain() {
    store.close();
    store = FileStore.open(dir());
    assertTrue(store.putIfAbsent("k", bytes("v")));
  }

  @Test
  void open_missingParentDirectories_createsThem() {
    try (FileStore nested = FileStore.open(temp.resolve("a/b/c"))) {
      assertTrue(nested.putIfAbsent("k", bytes("v")));
      assertEquals("file:" + temp.resolve("a/b/c").toAbsolutePath(), nested.describe());
    }
  }

  @Test
  void options_outOfRange_failWithTheOptionName() {
    StorageException e = assertThrows(StorageException.class,
        () -> FileStoreOptions.defaults().withMaxFileSize(100));
    assertEquals(StorageErrorCode.INVALID_CONFIGURATION, e.code());
    assertTrue(e.getMessage().contains("maxFileSize"), e.getMessage());
    e = assertThrows(StorageException.class, () -> FileStoreOptions.defaults().withCompaction(0, 1.5));
    assertTrue(e.getMessage().contains("compactionMinDeadRatio"), e.getMessage());
  }

  @Test
  void open_tailCutByAFewBytesAfterACrash_recoversToLastCompleteRecord() throws IOException {
    writeThreeRecordsAndCrash();
    truncateBy(dir().resolve(FIRST_FILE), 3);
    FileStore reopened = FileStore.open(dir());
    store = reopened;
    assertArrayEquals(filled(1000, 'a'), store.get("a"));
    assertArrayEquals(filled(1000, 'b'), store.get("b"));
    assertNull(store.get("c"));
    assertEquals(recordOffset(2), Files.size(dir().resolve(FIRST_FILE)));
    assertTrue(store.putIfAbsent("c", bytes("again")));
    reopenFile();
    assertArrayEquals(bytes("again"), store.get("c"));
  }

  @Test
  void open_tailCutInsideHeaderAfterACrash_recoversToLastCompleteRecord() throws IOException {
    writeThreeRecordsAndCrash();
    truncateBy(dir().resolve(FIRST_FILE), 1000 + 1 + 10);
    store = FileStore.open(dir());
    assertEquals(List.of("a", "b"), store.keys(""));
  }

  @Test
  void open_garbageAppendedAfterACrash_isTruncatedAndWritesGoOn() throws IOException {
    writeThreeRecordsAndCrash();
    long size = Files.size(dir().resolve(FIRST_FILE));
    Files.write(dir().resolve(FIRST_FILE), filled(300, 9), StandardOpenOption.APPEND);
    store = FileStore.open(dir());
    assertEquals(List.of("a", "b", "c"), store.keys(""));
    assertEquals(size, Files.size(dir().resolve(FIRST_FILE)));
    store.putIfAbsent("d", bytes("d"));
    reopenFile();
    assertEquals(List.of("a", "b", "c", "d"), store.keys(""));
    assertArrayEquals(filled(1000, 'c'), store.get("c"));
  }

  @Test
  void open_zerosAppendedAfterACrash_areTruncated() throws IOException {
    writeThreeRecordsAndCrash();
    Files.write(dir().resolve(FIRST_FILE), new byte[4096], StandardOpenOption.APPEND);
    store = FileStore.open(dir());
    assertEquals(List.of("a", "b", "c"), store.keys(""));
  }

  @Test
  void open_tornBatchAfterACrash_dropsTheWholeBatch() throws IOException {
    store.putIfAbsent("before", bytes("x"));
    Map<String, byte[]> batch = new LinkedHashMap<>();
    for (int i = 0; i < 3; i++) {
      batch.put("batch/" + i, filled(500, i));
    }
    store.putAllIfAbsent(batch);
    crash();
    truncateBy(dir().resolve(FIRST_FILE), 10); // cuts the third record of the batch
    store = FileStore.open(dir());
    assertEquals(List.of("before"), store.keys(""));
  }

  @Test
  void open_flippedByteInTheMiddle_refusesWithSegmentCorruptNamingFileAndKey() throws IOException {
    writeThreeRecordsAndClose();
    flipByte(dir().resolve(FIRST_FILE), recordOffset(1) + RECORD_HEADER + 1 + 500);
    StorageException e = assertThrows(StorageException.class, () -> FileStore.open(dir()));
    store = null;
    assertEquals(StorageErrorCode.SEGMENT_CORRUPT, e.code());
    assertTrue(e.getMessage().contains(FIRST_FILE), e.getMessage());
    assertTrue(e.getMessage().contains("key 'b'"), e.getMessage());
    assertTrue(e.getMessage().contains("offset " + recordOffset(1)), e.getMessage());
    // the failed open released the lock and changed nothing
    assertEquals(recordOffset(3), Files.size(dir().resolve(FIRST_FILE)));
    assertEquals(StorageErrorCode.SEGMENT_CORRUPT,
        assertThrows(StorageException.class, () -> FileStore.open(dir())).code());
  }

  @Test
  void open_flippedByteInAHeaderInTheMiddle_refusesWithSegmentCorrupt() throws IOException {
    writeThreeRecordsAndCrash();
    flipByte(dir().resolve(FIRST_FILE), recordOffset(0) + 20); // value length of a
    StorageException e = assertThrows(StorageException.class, () -> FileStore.open(dir()));
    store = null;
    assertEquals(StorageErrorCode.SEGMENT_CORRUPT, e.code());
    assertTrue(e.getMessage().contains("offset " + recordOffset(1)), "names the valid record after: " + e.getMessage());
  }

  @Test
  void open_flippedByteInTheLastRecordAfterACrash_isTreatedAsATornWrite() throws IOException {
    writeThreeRecordsAndCrash();
    flipByte(dir().resolve(FIRST_FILE), recordOffset(2) + RECORD_HEADER + 1 + 10);
    store = FileStore.open(dir());
    assertEquals(List.of("a", "b"), store.keys(""));
  }

  @Test
  void get_byteFlippedWhileOpen_failsWithSegmentCorruptNamingKeyAndFile() throws IOException {
    for (String k : List.of("a", "b", "c")) {
      store.putIfAbsent(k, filled(1000, k.charAt(0)));
    }
    flipByte(dir().resolve(FIRST_FILE), recordOffset(0) + RECORD_HEADER + 1 + 999);
    StorageException e = assertThrows(StorageException.class, () -> store.get("a"));
    assertEquals(StorageErrorCode.SEGMENT_CORRUPT, e.code());
    assertTrue(e.getMessage().contains("key 'a'"), e.getMessage());
    assertTrue(e.getMessage().contains(FIRST_FILE), e.getMessage());
    assertArrayEquals(filled(1000, 'b'), store.get("b"));
  }

  @Test
  void open_damageAtTheEndOfAnOlderFile_refuses() throws IOException {
    FileStore small = reopenWith(FileStoreOptions.defaults().withMaxFileSize(4096));
    for (int i = 0; i < 20; i++) {
      small.putIfAbsent("k" + i, filled(1000, i));
    }
    store.close();
    List<Path> files = dataFiles();
    assertTrue(files.size() > 2, "files: " + files);
    truncateBy(files.get(0), 5);
    StorageException e = assertThrows(StorageException.class, () -> FileStore.open(dir()));
    store = null;
    assertEquals(StorageErrorCode.SEGMENT_CORRUPT, e.code());
    assertTrue(e.getMessage().contains(files.get(0).getFileName().toString()), e.getMessage());
    assertTrue(e.getMessage().contains("not the newest"), e.getMessage());
  }

  @Test
  void putIfAbsent_pastMaxFileSize_rollsAcrossFiles() throws IOException {
    FileStore small = reopenWith(FileStoreOptions.defaults().withMaxFileSize(8192));
    for (int i = 0; i < 60; i++) {
      small.putIfAbsent("k" + i, filled(1000, i));
      small.compareAndSet("counter", i, bytes("n" + (i + 1)));
    }
    List<Path> files = dataFiles();
    assertTrue(files.size() >= 8, "files: " + files);
    for (Path f : files.subList(0, files.size() - 1)) {
      assertTrue(Files.size(f) <= 8192, f + " has " + Files.size(f) + " bytes");
    }
    reopenWith(FileStoreOptions.defaults().withMaxFileSize(8192));
    for (int i = 0; i < 60; i++) {
      assertArrayEquals(filled(1000, i), store.get("k" + i));
    }
    assertEquals(60, store.getVersioned("counter").rev());
    assertArrayEquals(bytes("n60"), store.get("counter"));
  }

  @Test
  void putAllIfAbsent_largerThanMaxFileSize_staysInOneFile() throws IOException {
    FileStore small = reopenWith(FileStoreOptions.defaults().withMaxFileSize(4096));
    small.putIfAbsent("first", bytes("1"));
    Map<String, byte[]> batch = new LinkedHashMap<>();
    for (int i = 0; i < 10; i++) {
      batch.put("b" + i, filled(1000, i));
    }
    small.putAllIfAbsent(batch);
    assertEquals(2, dataFiles().size());
    reopenFile();
    assertEquals(11, store.keys("").size());
  }

  /** Overwrites a counter and deletes keys, so that most record bytes are dead. */
  private void writeWithGarbage(KeyValueStore s) {
    for (int i = 0; i < 200; i++) {
      s.putIfAbsent("seg/" + i, filled(2000, i));
      s.compareAndSet("root", i, filled(1000, -i));
      if (i % 2 == 1) {
        s.delete("seg/" + (i - 1));
      }
    }
  }

  private void assertWrittenWithGarbage(KeyValueStore s) {
    for (int i = 0; i < 200; i++) {
      byte[] expected = i % 2 == 1 ? filled(2000, i) : null;
      assertArrayEquals(expected, s.get("seg/" + i), "seg/" + i);
    }
    assertEquals(200, s.getVersioned("root").rev());
    assertArrayEquals(filled(1000, -199), s.get("root"));
    assertEquals(101, s.keys("").size());
  }

  private long directoryBytes() throws IOException {
    long total = 0;
    for (Path f : dataFiles()) {
      try {
        total += Files.size(f);
      } catch (NoSuchFileException e) {
        // A background compaction deleted it after the listing: it holds nothing any more.
      }
    }
    return total;
  }

  @Test
  void compact_keepsEveryLiveKeyAndReclaimsSpace() throws IOException {
    FileStore fs = reopenWith(FileStoreOptions.defaults().withMaxFileSize(64 << 10).withoutAutomaticCompaction());
    writeWithGarbage(fs);
    FileStore.Stats before = fs.stats();
    assertTrue(before.deadBytes() > before.liveBytes(), before.toString());
    long bytesBefore = directoryBytes();

    fs.compact();

    FileStore.Stats after = fs.stats();
    assertEquals(0, after.deadBytes(), after.toString());
    assertEquals(before.liveBytes(), after.liveBytes());
    assertEquals(2, after.files(), "the base file and the new file for appends");
    assertEquals(2, dataFiles().size());
    assertTrue(directoryBytes() < bytesBefore / 2, directoryBytes() + " bytes of " + bytesBefore);
    assertWrittenWithGarbage(fs);

    reopenFile();
    assertWrittenWithGarbage(store);
    assertTrue(store.compareAndSet("root", 200, bytes("next")));
    assertFalse(store.putIfAbsent("seg/1", bytes("other")));
    reopenFile();
    assertArrayEquals(bytes("next"), store.get("root"));
  }

  @Test
  void compact_twiceAndAfterReopen_keepsEverything() {
    FileStore fs = reopenWith(FileStoreOptions.defaults().withFsync(false).withoutAutomaticCompaction());
    writeWithGarbage(fs);
    fs.compact();
    fs.compact();
    assertWrittenWithGarbage(fs);
    reopenFile().compact();
    assertWrittenWithGarbage(store);
  }

  @Test
  void open_filesLeftBehindByACompaction_areSupersededAndDeleted() throws IOException {
    FileStore fs = reopenWith(FileStoreOptions.defaults().withFsync(false).withoutAutomaticCompaction());
    writeWithGarbage(fs);
    Path saved = temp.resolve("saved");
    Files.createDirectories(saved);
    for (Path f : dataFiles()) {
      Files.copy(f, saved.resolve(f.getFileName()));
    }
    fs.compact();
    fs.delete("seg/1"); // after the base file: must stay deleted
    store.close();
    // As if killed after the base file was renamed into place but before the old files were deleted.
    try (Stream<Path> s = Files.list(saved)) {
      for (Path f : s.toList()) {
        Files.copy(f, dir().resolve(f.getFileName()));
      }
    }
    store = FileStore.open(dir());
    assertNull(store.get("seg/1"));
    assertArrayEquals(filled(2000, 3), store.get("seg/3"));
    assertArrayEquals(filled(1000, -199), store.get("root"));
    assertEquals(2, dataFiles().size(), "superseded files deleted: " + dataFiles());
  }

  @Test
  void open_leftoverTempFile_isDeleted() throws IOException {
    store.putIfAbsent("k", bytes("v"));
    store.close();
    Path temp = dir().resolve("data-0000000007.dat.tmp");
    Files.write(temp, filled(5000, 1));
    store = FileStore.open(dir());
    assertFalse(Files.exists(temp));
    assertArrayEquals(bytes("v"), store.get("k"));
  }

  @Test
  void compact_automatic_runsWhenDeadBytesPassTheThreshold() throws Exception {
    FileStore fs = reopenWith(FileStoreOptions.defaults().withMaxFileSize(16 << 10).withCompaction(32 << 10, 0.5));
    for (int i = 0; i < 400; i++) {
      fs.compareAndSet("root", i, filled(1000, i));
    }
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    // Compactions run in the background, one after another: wait for them to catch up, not just start.
    while ((Files.exists(dir().resolve(FIRST_FILE)) || directoryBytes() >= 200_000) && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
    assertFalse(Files.exists(dir().resolve(FIRST_FILE)), "a compaction deleted the first file: " + dataFiles());
    assertTrue(directoryBytes() < 200_000, directoryBytes() + " bytes left of 415,000 written: " + dataFiles());
    assertArrayEquals(filled(1000, 399), fs.get("root"));
    reopenFile();
    assertEquals(400, store.getVersioned("root").rev());
  }

  @Test
  void compact_withConcurrentReadersAndWriters_losesNothing() throws Exception {
    FileStore fs = reopenWith(FileStoreOptions.defaults().withMaxFileSize(32 << 10).withoutAutomaticCompaction());
    for (int i = 0; i < 200; i++) {
      fs.putIfAbsent("seg/" + i, filled(300, i));
    }
    AtomicBoolean stop = new AtomicBoolean();
    ExecutorService pool = Executors.newFixedThreadPool(3);
    try {
      Future<Integer> writer = pool.submit(() -> {
        int n = 0;
        while (!stop.get()) {
          assertTrue(fs.compareAndSet("root", n, filled(700, n)));
          fs.putIfAbsent("new/" + n, filled(100, n));
          n++;
        }
        return n;
      });
      List<Future<?>> readers = new ArrayList<>();
      for (int t = 0; t < 2; t++) {
        readers.add(pool.submit(() -> {
          Random random = new Random();
          while (!stop.get()) {
            int i = random.nextInt(200);
            assertArrayEquals(filled(300, i), fs.get("seg/" + i));
            KeyValueStore.Versioned root = fs.getVersioned("root");
            if (root != null) {
              assertArrayEquals(filled(700, (int) root.rev() - 1), root.value());
            }
          }
          return null;
        }));
      }
      for (int c = 0; c < 5; c++) {
        fs.compact();
        Thread.sleep(20);
      }
      stop.set(true);
      int written = writer.get(30, TimeUnit.SECONDS);
      for (Future<?> r : readers) {
        r.get(30, TimeUnit.SECONDS);
      }
      reopenFile();
      assertEquals(written, store.getVersioned("root").rev());
      assertEquals(200 + written, store.keys("").size() - 1);
    } finally {
      stop.set(true);
      pool.shutdownNow();
    }
  }

  @Test
  void writesAndReads_onAnInterruptedThread_workAndKeepTheInterrupt() {
    Thread.currentThread().interrupt();
    try {
      assertTrue(store.putIfAbsent("k", bytes("v")));
      assertArrayEquals(bytes("v"), store.get("k"));
      assertTrue(Thread.currentThread().isInterrupted());
    } finally {
      Thread.interrupted();
    }
    assertArrayEquals(bytes("v"), store.get("k"));
  }

  @Test
  void stats_countKeysFilesAndBytes() {
    FileStore fs = (FileStore) store;
    fs.putIfAbsent("a", bytes("12345"));
    fs.compareAndSet("r", 0, bytes("1"));
    fs.compareAndSet("r", 1, bytes("2"));
    FileStore.Stats s = fs.stats();
    assertEquals(1, s.files());
    assertEquals(2, s.keys());
    assertEquals((RECORD_HEADER + 1 + 5) + 2L * (RECORD_HEADER + 1 + 1), s.recordBytes());
    assertEquals(RECORD_HEADER + 1 + 1, s.deadBytes());
  }
}
