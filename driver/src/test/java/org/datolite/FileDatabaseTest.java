package org.datolite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Properties;
import java.util.stream.Stream;
import org.datolite.value.Keyword;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Embedded databases in a directory ({@code file:} URLs): several at once, and a damaged store (issue 9). */
class FileDatabaseTest {
  private static final String SCHEMA = "[{:db/ident :item/name :db/valueType :db.type/string"
      + " :db/cardinality :db.cardinality/one :db/unique :db.unique/identity}]";

  @TempDir
  Path dir;

  private static Properties db(String name) {
    Properties p = new Properties();
    p.setProperty("db", name);
    return p;
  }

  private static Long item(DatoliteConnection conn, String name) {
    return conn.db().entid(List.of(Keyword.of("item/name"), name));
  }

  private static void add(DatoliteConnection conn, String name) {
    conn.transact("[{:item/name \"" + name + "\"}]");
  }

  @Test
  void connect_twoDatabasesInOneDirectoryAtOnce_bothWorkAndKeepTheirData_issue9() {
    String url = "file:" + dir;
    try (DatoliteConnection alpha = Datolite.connect(url, db("alpha"))) {
      alpha.transact(SCHEMA);
      add(alpha, "a1");
      try (DatoliteConnection beta = Datolite.connect(url, db("beta"))) {
        beta.transact(SCHEMA);
        add(beta, "b1");
        add(alpha, "a2");
        assertNotNull(item(alpha, "a2"));
        assertNotNull(item(beta, "b1"));
        assertNull(item(beta, "a1"), "databases in one directory are separate");
        assertNull(item(alpha, "b1"));
        alpha.close();
        add(beta, "b2");
        assertNotNull(item(beta, "b2"), "closing one database leaves the other working");
        try (DatoliteConnection alphaAgain = Datolite.connect(url, db("alpha"))) {
          assertNotNull(item(alphaAgain, "a2"), "reopened while the other is open");
          add(alphaAgain, "a3");
        }
      }
    }
    try (DatoliteConnection alpha = Datolite.connect(url, db("alpha"));
         DatoliteConnection beta = Datolite.connect(url, db("beta"))) {
      for (String a : List.of("a1", "a2", "a3")) {
        assertNotNull(item(alpha, a), a);
      }
      for (String b : List.of("b1", "b2")) {
        assertNotNull(item(beta, b), b);
      }
    }
  }

  @Test
  void connect_oneDatabaseThroughTwoSpellingsOfItsDirectory_sharesOnePeer() {
    try (DatoliteConnection a = Datolite.connect("file:" + dir, db("alpha"));
         DatoliteConnection b = Datolite.connect("file:" + dir.resolve("sub/..") + "/", db("alpha"))) {
      a.transact(SCHEMA);
      TxReport r = a.transact("[{:item/name \"x\"}]");
      assertEquals(r.t(), b.db().basisT(), "the same peer, so the same transactor and value");
    }
  }

  @Test
  void connect_afterTheLastRecordOfACleanlyClosedStoreWasDamaged_refusesWithSegmentCorrupt_issue9()
      throws IOException {
    String url = "file:" + dir;
    long t;
    try (DatoliteConnection conn = Datolite.connect(url, db("alpha"))) {
      conn.transact(SCHEMA);
      for (int i = 0; i < 200; i++) {
        add(conn, "item-" + i);
      }
      t = conn.db().basisT();
    }
    Path newest;
    try (Stream<Path> files = Files.list(dir)) {
      newest = files.filter(p -> p.getFileName().toString().matches("data-\\d+\\.dat")).max(Path::compareTo)
          .orElseThrow();
    }
    long size = Files.size(newest);
    try (FileChannel ch = FileChannel.open(newest, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
      ByteBuffer b = ByteBuffer.allocate(1);
      ch.read(b, size - 3);
      b.put(0, (byte) (b.get(0) ^ 0x5A)).rewind();
      ch.write(b, size - 3);
    }
    DatoliteException e = assertThrows(DatoliteException.class, () -> Datolite.connect(url, db("alpha")));
    assertEquals("08001", e.sqlState());
    assertTrue(e.getMessage().contains("SEGMENT_CORRUPT") && e.getMessage().contains(newest.toString())
        && e.getMessage().contains("closed cleanly"), e.getMessage());
    assertEquals(size, Files.size(newest), "nothing truncated");
    assertTrue(t > 200);
  }
}
