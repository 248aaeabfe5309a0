package org.datolite.storage.kv.file;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.datolite.storage.StorageErrorCode;
import org.datolite.storage.StorageException;
import org.datolite.storage.kv.KeyValueStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 9: after a clean close no write can be torn, so a damaged tail of the newest data file is
 * damage and refuses to open (unless the repair option is given); after a crash a torn tail is
 * still truncated. A crash is simulated by copying the data files while the store is open: every
 * write is forced before it returns, so the copy is what a kill at that moment leaves
 * ({@link #close_changesNoDataFile_onlyAddsTheCleanCloseRecord} checks that a clean close adds
 * nothing else).
 */
class FileStoreCleanCloseTest {
  private static final int FILE_HEADER = 20;
  private static final int RECORD_HEADER = 36;
  private static final int WRITES = 200;
  private static final String FIRST_FILE = "data-0000000001.dat";
  /** The clean-close record, a name of the file format. */
  private static final String CLEAN_RECORD = "store.clean";

  @TempDir
  Path temp;

  private Path dir() {
    return temp.resolve("store");
  }

  private static String key(int i) {
    return String.format("tx/%03d", i);
  }

  private static byte[] value(int i) {
    byte[] b = new byte[100 + i];
    new Random(i).nextBytes(b);
    return b;
  }

  /** The offset of the record of write {@code i} in the first file, as {@link #write200} lays them out. */
  private static long offset(int i) {
    long pos = FILE_HEADER;
    for (int j = 0; j < i; j++) {
      pos += RECORD_HEADER + key(j).length() + value(j).length;
    }
    return pos;
  }

  private static void write200(KeyValueStore s) {
    for (int i = 0; i < WRITES; i++) {
      assertTrue(s.putIfAbsent(key(i), value(i)));
    }
  }

  /** The 200 acknowledged writes of the issue, then a clean close. */
  private void write200AndClose() {
    try (FileStore s = FileStore.open(dir())) {
      write200(s);
    }
  }

  /** The 200 writes, and the directory as a kill right after the last one leaves it, in {@code dir()}. */
  private void write200AndCrash() throws IOException {
    Path live = temp.resolve("live");
    try (FileStore s = FileStore.open(live)) {
      write200(s);
      copyDataFiles(live, dir());
    }
  }

  private static void copyDataFiles(Path from, Path to) throws IOException {
    Files.createDirectories(to);
    for (Path f : dataFiles(from)) {
      Files.copy(f, to.resolve(f.getFileName()));
    }
  }

  private static List<Path> dataFiles(Path dir) throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      return s.filter(p -> p.getFileName().toString().endsWith(".dat")).sorted().toList();
    }
  }

  /** Every file of the directory but the lock file (an open creates it) with a digest of its bytes. */
  private Map<String, String> contents() throws IOException {
    Map<String, String> out = new TreeMap<>();
    try (Stream<Path> s = Files.list(dir())) {
      for (Path f : s.toList()) {
        if (!f.getFileName().toString().equals(DataDirectory.LOCK_FILE)) {
          byte[] b = Files.readAllBytes(f);
          out.put(f.getFileName().toString(), b.length + " bytes, hash " + Arrays.hashCode(b));
        }
      }
    }
    return out;
  }

  private static void flipByte(Path file, long offset) throws IOException {
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
      ByteBuffer b = ByteBuffer.allocate(1);
      ch.read(b, offset);
      b.put(0, (byte) (b.get(0) ^ 0x5A)).rewind();
      ch.write(b, offset);
    }
  }

  private static void truncateTo(Path file, long size) throws IOException {
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
      ch.truncate(size);
    }
  }

  /** Opens, expecting SEGMENT_CORRUPT, and checks that the failed open changed no file. */
  private StorageException refused(Supplier<FileStore> open) throws IOException {
    Map<String, String> before = contents();
    StorageException e = assertThrows(StorageException.class, () -> open.get().close());
    assertEquals(StorageErrorCode.SEGMENT_CORRUPT, e.code(), e.getMessage());
    assertEquals(before, contents(), "a refused open leaves every file as it was");
    return e;
  }

  private StorageException refused() throws IOException {
    return refused(() -> FileStore.open(dir()));
  }

  private static void assertMentions(StorageException e, String... parts) {
    for (String part : parts) {
      assertTrue(e.getMessage().contains(part), "expected '" + part + "' in: " + e.getMessage());
    }
  }

  private static void assertWrites(KeyValueStore s, int count) {
    assertEquals(count, s.keys("tx/").size(), "writes present");
    for (int i = 0; i < count; i++) {
      assertArrayEquals(value(i), s.get(key(i)), key(i));
    }
  }

  /** Runs {@code action} and returns what it logged (slf4j-simple writes to System.err). */
  private static String logged(Runnable action) {
    PrintStream saved = System.err;
    ByteArrayOutputStream log = new ByteArrayOutputStream();
    System.setErr(new PrintStream(log, true, StandardCharsets.UTF_8));
    try {
      action.run();
    } finally {
      System.setErr(saved);
    }
    String text = log.toString(StandardCharsets.UTF_8);
    saved.print(text);
    return text;
  }

  @Test
  void open_flippedByteInTheLastRecordAfterACleanClose_refusesNamingFileAndOffset_issue9() throws IOException {
    write200AndClose();
    flipByte(dir().resolve(FIRST_FILE), offset(WRITES - 1) + RECORD_HEADER + 6 + 10);
    StorageException e = refused();
    assertMentions(e, dir().resolve(FIRST_FILE).toString(), "offset " + offset(WRITES - 1), "closed cleanly");
    refused(); // and again: nothing was repaired behind our back
  }

  @Test
  void open_last10BytesCutAfterACleanClose_refuses_issue9() throws IOException {
    write200AndClose();
    Path file = dir().resolve(FIRST_FILE);
    truncateTo(file, Files.size(file) - 10);
    assertMentions(refused(), file.toString(), "offset " + offset(WRITES - 1));
  }

  @Test
  void open_fileCutInHalfAfterACleanClose_refuses_issue9() throws IOException {
    write200AndClose();
    Path file = dir().resolve(FIRST_FILE);
    long half = Files.size(file) / 2;
    truncateTo(file, half);
    int cut = 0;
    while (offset(cut + 1) <= half) {
      cut++;
    }
    assertMentions(refused(), file.toString(), "offset " + offset(cut));
  }

  @Test
  void open_bytesAddedAfterACleanClose_refuses_issue9() throws IOException {
    write200AndClose();
    Path file = dir().resolve(FIRST_FILE);
    long size = Files.size(file);
    Files.write(file, new byte[300], StandardOpenOption.APPEND);
    assertMentions(refused(), file.toString(), "offset " + size);
  }

  @Test
  void open_tornTailAfterACrash_isTruncatedWithAWarningThatTheStoreWasNotClosedCleanly_issue9() throws IOException {
    write200AndCrash();
    Path file = dir().resolve(FIRST_FILE);
    truncateTo(file, Files.size(file) - 10);
    String log = logged(() -> {
      try (FileStore s = FileStore.open(dir())) {
        assertWrites(s, WRITES - 1);
      }
    });
    assertEquals(offset(WRITES - 1), Files.size(file));
    assertTrue(log.contains("WARN") && log.contains("not closed cleanly"), log);
    assertFalse(log.contains("(it was never acknowledged)"), "no such claim without knowing of a crash: " + log);
  }

  @Test
  void close_changesNoDataFile_onlyAddsTheCleanCloseRecord() throws IOException {
    Path live = temp.resolve("live");
    Path copy = temp.resolve("copy");
    try (FileStore s = FileStore.open(live, FileStoreOptions.defaults().withMaxFileSize(8192))) {
      write200(s);
      copyDataFiles(live, copy);
    }
    List<Path> files = dataFiles(live);
    assertEquals(dataFiles(copy).size(), files.size());
    for (Path f : files) {
      assertArrayEquals(Files.readAllBytes(copy.resolve(f.getFileName())), Files.readAllBytes(f), f.toString());
    }
    assertTrue(Files.exists(live.resolve(CLEAN_RECORD)));
  }

  @Test
  void open_removesTheCleanCloseRecordBeforeAnyWrite_soALaterCrashIsStillACrash() throws IOException {
    write200AndClose();
    Path record = dir().resolve(CLEAN_RECORD);
    assertTrue(Files.exists(record));
    Path crashed = temp.resolve("crashed");
    try (FileStore s = FileStore.open(dir())) {
      assertFalse(Files.exists(record), "removed at open, before the first write");
      assertTrue(s.putIfAbsent("after", new byte[5000]));
      copyDataFiles(dir(), crashed);
    }
    Path file = crashed.resolve(FIRST_FILE);
    truncateTo(file, Files.size(file) - 10);
    try (FileStore s = FileStore.open(crashed)) {
      assertWrites(s, WRITES);
      assertNull(s.get("after"), "the torn write is truncated");
    }
  }

  @Test
  void close_afterRollsAndACompaction_recordsTheNewestFile_issue9() throws IOException {
    FileStoreOptions small = FileStoreOptions.defaults().withMaxFileSize(8192).withoutAutomaticCompaction();
    try (FileStore s = FileStore.open(dir(), small)) {
      write200(s);
      for (int i = 0; i < 50; i++) {
        s.compareAndSet("root", i, value(i));
      }
      s.compact();
      for (int i = 50; i < 80; i++) {
        s.compareAndSet("root", i, value(i));
      }
    }
    List<Path> files = dataFiles(dir());
    Path newest = files.get(files.size() - 1);
    byte[] saved = Files.readAllBytes(newest);
    truncateTo(newest, saved.length - 1);
    assertMentions(refused(() -> FileStore.open(dir(), small)), newest.toString());
    Files.write(newest, saved);
    try (FileStore s = FileStore.open(dir(), small)) {
      assertWrites(s, WRITES);
      assertEquals(80, s.getVersioned("root").rev());
    }
  }

  @Test
  void open_damagedCleanCloseRecord_refusesNamingIt() throws IOException {
    write200AndClose();
    flipByte(dir().resolve(CLEAN_RECORD), 12);
    assertMentions(refused(), dir().resolve(CLEAN_RECORD).toString());
  }

  @Test
  void open_newestFileMissingOrANewerFileAfterACleanClose_refuses() throws IOException {
    try (FileStore s = FileStore.open(dir(), FileStoreOptions.defaults().withMaxFileSize(8192))) {
      write200(s);
    }
    List<Path> files = dataFiles(dir());
    Path newest = files.get(files.size() - 1);
    Path aside = temp.resolve("aside");
    Files.move(newest, aside);
    assertMentions(refused(), newest.getFileName().toString());
    Files.move(aside, newest);
    Path newer = dir().resolve(String.format("data-%010d.dat", files.size() + 1));
    Files.write(newer, DataFile.encodeHeader(files.size() + 1, false).array());
    assertMentions(refused(), newer.getFileName().toString());
    Files.delete(newer);
    try (FileStore s = FileStore.open(dir())) {
      assertWrites(s, WRITES);
    }
  }

  private static final FileStoreOptions REPAIR = FileStoreOptions.defaults().withRepairTruncateTail(true);

  @Test
  void open_repairTruncateTail_truncatesAtTheFirstBadRecordAndWarnsWhatItDropped_issue9() throws IOException {
    write200AndClose();
    Path file = dir().resolve(FIRST_FILE);
    long size = Files.size(file);
    flipByte(file, offset(150) + RECORD_HEADER + 6 + 3);
    assertMentions(refused(), "offset " + offset(150), "withRepairTruncateTail",
        "drops " + (size - offset(150)) + " bytes: the damaged write and 49 later writes that check out");
    String log = logged(() -> {
      try (FileStore s = FileStore.open(dir(), REPAIR)) {
        assertWrites(s, 150);
      }
    });
    assertTrue(log.contains("WARN") && log.contains("repairTruncateTail") && log.contains("offset " + offset(150))
        && log.contains("drops " + (size - offset(150)) + " bytes"), log);
    assertEquals(offset(150), Files.size(file));
    try (FileStore s = FileStore.open(dir())) {
      assertWrites(s, 150);
      assertTrue(s.putIfAbsent(key(150), value(150)), "writes go on after the repair");
    }
  }

  @Test
  void open_repairTruncateTail_cutsBytesAddedAfterACleanCloseBackToTheRecordedLength() throws IOException {
    write200AndClose();
    Path file = dir().resolve(FIRST_FILE);
    long size = Files.size(file);
    Files.write(file, new byte[300], StandardOpenOption.APPEND);
    try (FileStore s = FileStore.open(dir(), REPAIR)) {
      assertWrites(s, WRITES);
    }
    assertEquals(size, Files.size(file));
  }

  @Test
  void open_repairTruncateTail_withADamagedCleanCloseRecord_checksTheTailAsAfterACrash() throws IOException {
    write200AndClose();
    Path file = dir().resolve(FIRST_FILE);
    flipByte(dir().resolve(CLEAN_RECORD), 20);
    truncateTo(file, Files.size(file) - 10);
    try (FileStore s = FileStore.open(dir(), REPAIR)) {
      assertWrites(s, WRITES - 1);
    }
  }

  @Test
  void open_repairTruncateTail_afterACrashWithDamageInsideTheNewestFile_truncatesThere() throws IOException {
    write200AndCrash();
    Path file = dir().resolve(FIRST_FILE);
    flipByte(file, offset(10) + 4);
    assertMentions(refused(), "a valid record of a later write follows", "withRepairTruncateTail");
    try (FileStore s = FileStore.open(dir(), REPAIR)) {
      assertWrites(s, 10);
    }
  }

  @Test
  void open_repairTruncateTail_stillRefusesDamageInAnOlderFile() throws IOException {
    try (FileStore s = FileStore.open(dir(), FileStoreOptions.defaults().withMaxFileSize(8192))) {
      write200(s);
    }
    Path oldest = dataFiles(dir()).get(0);
    flipByte(oldest, FILE_HEADER + RECORD_HEADER + 6 + 3);
    assertMentions(refused(() -> FileStore.open(dir(), REPAIR)), oldest.toString(), "not the newest");
  }
}
