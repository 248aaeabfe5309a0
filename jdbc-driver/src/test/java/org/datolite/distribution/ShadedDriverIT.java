package org.datolite.distribution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.Driver;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Enumeration;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.ServiceLoader;
import java.util.TreeSet;
import java.util.UUID;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shaded driver jar as a BI tool loads it: alone, in a fresh {@link URLClassLoader} whose
 * parent is the platform class loader, so that nothing of this test's class path (which holds the
 * unshaded driver and its dependencies) can stand in for what the jar lacks. The driver is
 * instantiated and called directly, as such tools do ({@code DriverManager} does not hand out a
 * driver of another class loader), and Datolite's own types are reached by reflection: they are
 * the isolated loader's classes, not this test's.
 *
 * <p>Runs in {@code integration-test} (failsafe), after {@code package} has written the jar; the
 * build passes the jar's path, the relocated packages and their prefix as system properties.
 */
class ShadedDriverIT {
  private static final String DRIVER = "org.datolite.jdbc.Driver";

  private static Path jar;
  private static String shadedPrefix;
  private static List<String> relocated;
  /** Left open: the driver's daemon threads (warm-up, storage) may still load classes from it. */
  private static URLClassLoader loader;
  private static Driver driver;
  private ClassLoader savedContextLoader;

  @BeforeAll
  static void loadTheJarAlone() throws Exception {
    jar = Path.of(property("datolite.jdbc.jar"));
    assertTrue(Files.isRegularFile(jar), "no shaded jar at " + jar + "; run the package phase first");
    shadedPrefix = property("datolite.shaded.prefix");
    relocated = Arrays.stream(property("datolite.relocated.packages").split(","))
        .map(String::trim).filter(s -> !s.isEmpty()).collect(Collectors.toList());
    assertFalse(relocated.isEmpty());
    loader = new URLClassLoader(new URL[] {jar.toUri().toURL()}, ClassLoader.getPlatformClassLoader());
    Class<?> type = Class.forName(DRIVER, true, loader);
    driver = (Driver) type.getDeclaredConstructor().newInstance();
  }

  /**
   * Runs each test with a context class loader that sees nothing of Datolite, as a host's thread
   * may (the driver must find its own services and resources through its own class loader); the
   * test class path's unshaded copy is out of reach too.
   */
  @BeforeEach
  void hostContextLoader() {
    savedContextLoader = Thread.currentThread().getContextClassLoader();
    Thread.currentThread().setContextClassLoader(ClassLoader.getPlatformClassLoader());
  }

  @AfterEach
  void restoreContextLoader() {
    Thread.currentThread().setContextClassLoader(savedContextLoader);
  }

  private static String property(String name) {
    String value = System.getProperty(name);
    assertNotNull(value, "system property " + name + " (set by the build)");
    return value;
  }

  @Test
  void theDriverAndWhatItUsesComeFromTheJar() throws Exception {
    assertSame(loader, driver.getClass().getClassLoader());
    // the test's own class path has a driver class too: the isolated one is another class
    Class<?> unshaded = Class.forName(DRIVER, false, ShadedDriverIT.class.getClassLoader());
    assertNotSame(unshaded, driver.getClass());
    assertTrue(driver.acceptsURL("jdbc:datolite:mem:x"));
    assertFalse(driver.acceptsURL("jdbc:postgresql://localhost/x"));
    assertNull(driver.connect("jdbc:postgresql://localhost/x", new Properties()));
    // nothing of the test's class path leaks in, and the command line's libraries are left out
    for (String absent : List.of("org.junit.jupiter.api.Test", "org.slf4j.simple.SimpleLogger",
        "picocli.CommandLine", "org.jline.reader.LineReader", "me.tongfei.progressbar.ProgressBar",
        "org.datolite.cli.DatoliteCommand", "com.google.common.collect.ImmutableList", "org.postgresql.Driver",
        "com.zaxxer.hikari.HikariDataSource", "io.netty.channel.Channel")) {
      assertThrows(ClassNotFoundException.class, () -> Class.forName(absent, false, loader), absent);
    }
    for (String present : List.of(shadedPrefix + ".com.google.common.collect.ImmutableList",
        shadedPrefix + ".org.postgresql.Driver", "org.apache.calcite.tools.Frameworks",
        "org.codehaus.janino.SimpleCompiler", "org.slf4j.LoggerFactory", "net.jpountz.lz4.LZ4Factory")) {
      assertSame(loader, Class.forName(present, false, loader).getClassLoader(), present);
    }
  }

  @Test
  void theServiceLoaderOfTheLoaderFindsOnlyTheDatoliteDriver() {
    List<Class<? extends Driver>> types = ServiceLoader.load(Driver.class, loader).stream()
        .map(ServiceLoader.Provider::type).collect(Collectors.toList());
    assertEquals(List.of(DRIVER), types.stream().map(Class::getName).collect(Collectors.toList()));
    assertSame(loader, types.get(0).getClassLoader());
  }

  @Test
  void sqlAndDatalogOnAMemoryDatabase() throws Exception {
    try (Connection c = driver.connect("jdbc:datolite:mem:shaded-" + UUID.randomUUID(), new Properties())) {
      assertSame(loader, c.getClass().getClassLoader());
      createAndFill(c);
      try (Statement s = c.createStatement()) {
        assertEquals(List.of("Ada|36|Acme", "Grace|45|Navy", "Linus|28|Acme"), rows(s.executeQuery(
            "SELECT p.name, p.age, c.name FROM person p JOIN company c ON c.id = p.company_id ORDER BY p.name"), 3));
        assertEquals(List.of("Acme|2|64", "Navy|1|45"), rows(s.executeQuery(
            "SELECT c.name, COUNT(*), SUM(p.age) FROM person p JOIN company c ON c.id = p.company_id"
                + " GROUP BY c.name ORDER BY c.name"), 3));
        assertEquals(List.of("Grace"), rows(s.executeQuery(
            "SELECT name FROM person WHERE age > (SELECT AVG(age) FROM person) AND name IN ('Ada', 'Grace')"), 1));
        assertEquals(List.of("3"), rows(s.executeQuery(
            "SELECT COUNT(*) FROM person FOR SYSTEM_TIME AS OF TIMESTAMP '2999-01-01 00:00:00'"), 1));
        // Calcite's JSON functions: the relocated json-path and Jackson
        assertEquals(List.of("7|{\"k\":\"Ada\"}"), rows(s.executeQuery(
            "SELECT JSON_VALUE('{\"a\":{\"b\":7}}', '$.a.b'), JSON_OBJECT('k' VALUE name) FROM person WHERE id = 1"), 2));
        // Datalog inside SQL
        assertEquals(List.of("Ada", "Linus"), rows(s.executeQuery(
            "SELECT d.name FROM DATALOG('[:find ?name :where [?e :person/name ?name] [?e :person/age ?a]"
                + " [(< ?a 40)]]') AS d ORDER BY d.name"), 1));
      }
      try (PreparedStatement ps = c.prepareStatement("SELECT age FROM person WHERE name = ?")) {
        ps.setString(1, "Grace");
        assertEquals(List.of("45"), rows(ps.executeQuery(), 1));
      }
      // native Datalog through the DatoliteConnection interface, the isolated loader's class
      Class<?> nativeType = Class.forName("org.datolite.DatoliteConnection", true, loader);
      assertTrue(c.isWrapperFor(nativeType));
      Object nativeConnection = c.unwrap(nativeType);
      Object db = nativeType.getMethod("db").invoke(nativeConnection);
      Class<?> dbType = Class.forName("org.datolite.Database", true, loader);
      Object idents = dbType.getMethod("q", String.class, Object[].class)
          .invoke(db, "[:find ?e :where [?e :db/ident]]", new Object[0]);
      assertTrue(idents instanceof Collection && !((Collection<?>) idents).isEmpty(), String.valueOf(idents));
      Object names = dbType.getMethod("q", String.class, Object[].class)
          .invoke(db, "[:find [?name ...] :where [_ :person/name ?name]]", new Object[0]);
      assertEquals(new TreeSet<>(List.of("Ada", "Grace", "Linus")), new TreeSet<>((Collection<?>) names));

      DatabaseMetaData md = c.getMetaData();
      assertTrue(md.getDriverName().toLowerCase(Locale.ROOT).contains("datolite"), md.getDriverName());
      List<String> tables = new ArrayList<>();
      try (ResultSet rs = md.getTables(null, null, "%", new String[] {"TABLE"})) {
        while (rs.next()) {
          tables.add(rs.getString("TABLE_NAME"));
        }
      }
      assertTrue(tables.containsAll(List.of("PERSON", "COMPANY")), tables.toString());
      try (ResultSet rs = md.getColumns(null, null, "PERSON", "AGE")) {
        assertTrue(rs.next());
        assertEquals("AGE", rs.getString("COLUMN_NAME"));
      }
    }
  }

  @Test
  void aFileDatabaseKeepsItsRowsAcrossConnections(@TempDir Path dir) throws Exception {
    String url = "jdbc:datolite:file:" + dir.resolve("db");
    try (Connection c = driver.connect(url, new Properties())) {
      createAndFill(c);
    }
    try (Connection c = driver.connect(url, new Properties()); Statement s = c.createStatement()) {
      assertEquals(List.of("Ada|36", "Grace|45", "Linus|28"),
          rows(s.executeQuery("SELECT name, age FROM person ORDER BY name"), 2));
      s.executeUpdate("UPDATE person SET age = age + 1 WHERE name = 'Ada'");
      assertEquals(List.of("37"), rows(s.executeQuery("SELECT age FROM person WHERE name = 'Ada'"), 1));
    }
    try (Stream<Path> files = Files.list(dir.resolve("db"))) {
      assertTrue(files.findAny().isPresent(), "nothing written under " + dir);
    }
  }

  @Test
  void nettyFindsItsNativeTransportUnderTheRelocatedName() throws Exception {
    assumeTrue(System.getProperty("os.name").startsWith("Linux")
        && "amd64".equals(System.getProperty("os.arch")), "the jar holds the x86_64 Linux epoll library only");
    // compared with the unshaded Netty of the test's class path: a machine where epoll cannot load
    // at all (say, a noexec temporary directory) says nothing about the jar
    boolean unshaded = (Boolean) Class.forName("io.netty.channel.epoll.Epoll", true,
        ShadedDriverIT.class.getClassLoader()).getMethod("isAvailable").invoke(null);
    assumeTrue(unshaded, "epoll is not available here even unshaded");
    Class<?> epoll = Class.forName(shadedPrefix + ".io.netty.channel.epoll.Epoll", true, loader);
    boolean available = (Boolean) epoll.getMethod("isAvailable").invoke(null);
    assertTrue(available, () -> {
      try {
        return "shaded epoll unavailable: " + epoll.getMethod("unavailabilityCause").invoke(null);
      } catch (ReflectiveOperationException e) {
        return e.toString();
      }
    });
  }

  @Test
  void theJarHoldsNoUnrelocatedCopiesAndItsMetadataIsClean() throws IOException {
    List<String> problems = new ArrayList<>();
    List<String> paths = relocated.stream().map(p -> p.replace('.', '/') + "/").collect(Collectors.toList());
    try (JarFile jf = new JarFile(jar.toFile())) {
      int shaded = 0;
      for (Enumeration<JarEntry> en = jf.entries(); en.hasMoreElements();) {
        String name = en.nextElement().getName();
        String path = name.startsWith("META-INF/versions/") ? name.replaceFirst("^META-INF/versions/\\d+/", "") : name;
        for (String p : paths) {
          if (path.startsWith(p)) {
            problems.add("unrelocated " + name);
          }
        }
        if (path.startsWith(shadedPrefix.replace('.', '/') + "/")) {
          shaded++;
        }
        if (name.endsWith("module-info.class")) {
          problems.add("module descriptor " + name);
        }
        if (name.matches("META-INF/[^/]+\\.(SF|DSA|RSA|EC)")) {
          problems.add("signature " + name);
        }
        for (String left : List.of("picocli/", "org/jline/", "me/tongfei/", "org/slf4j/simple/", "org/datolite/cli/")) {
          if (name.startsWith(left)) {
            problems.add("command-line class " + name);
          }
        }
      }
      assertTrue(shaded > 1000, "only " + shaded + " relocated entries");
      for (String p : relocated) {
        assertNotNull(jf.getEntry(shadedPrefix.replace('.', '/') + "/" + p.replace('.', '/') + "/"),
            "nothing relocated for " + p);
      }
      assertNotNull(jf.getEntry("META-INF/native/liborg_datolite_shaded_netty_transport_native_epoll_x86_64.so"));

      Manifest mf = jf.getManifest();
      Attributes main = mf.getMainAttributes();
      assertEquals("org.datolite.jdbc", main.getValue("Automatic-Module-Name"));
      assertEquals("true", main.getValue("Multi-Release"));
      assertNull(main.getValue("Main-Class"));
      assertNull(main.getValue("Class-Path"), "a Class-Path would reach beyond the jar");

      assertEquals(List.of(DRIVER), lines(jf, "META-INF/services/java.sql.Driver"));
      // the SQL warm-up loads its classes by name: the names must be the relocated ones
      int warmUpRelocated = 0;
      for (String cls : lines(jf, "org/datolite/calcite/warm-up-classes.txt")) {
        for (String p : relocated) {
          if (cls.startsWith(p + ".")) {
            problems.add("warm-up list names unrelocated " + cls);
          }
        }
        if (cls.startsWith(shadedPrefix + ".")) {
          warmUpRelocated++;
          if (jf.getEntry(cls.replace('.', '/') + ".class") == null) {
            problems.add("warm-up list names " + cls + ", not in the jar");
          }
        }
      }
      assertTrue(warmUpRelocated > 100, "only " + warmUpRelocated + " relocated names in the warm-up list");
      for (String service : List.of("org.datolite.calcite.DatalogRunner",
          shadedPrefix + ".com.fasterxml.jackson.core.JsonFactory")) {
        for (String impl : lines(jf, "META-INF/services/" + service)) {
          assertNotNull(jf.getEntry(impl.replace('.', '/') + ".class"), service + " names missing " + impl);
        }
      }
    }
    assertEquals(List.of(), problems);
  }

  private static List<String> lines(JarFile jf, String entry) throws IOException {
    JarEntry e = jf.getJarEntry(entry);
    assertNotNull(e, entry);
    try (InputStream in = jf.getInputStream(e)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().map(String::trim)
          .filter(s -> !s.isEmpty() && !s.startsWith("#")).collect(Collectors.toList());
    }
  }

  private static void createAndFill(Connection c) throws SQLException {
    try (Statement s = c.createStatement()) {
      s.execute("CREATE TABLE company (id INTEGER PRIMARY KEY, name VARCHAR(40) NOT NULL)");
      s.execute("CREATE TABLE person (id INTEGER PRIMARY KEY, name VARCHAR(40) NOT NULL, age INTEGER,"
          + " company_id INTEGER REFERENCES company (id))");
      assertEquals(2, s.executeUpdate("INSERT INTO company (id, name) VALUES (1, 'Acme'), (2, 'Navy')"));
    }
    try (PreparedStatement ps = c.prepareStatement("INSERT INTO person (id, name, age, company_id) VALUES (?, ?, ?, ?)")) {
      Object[][] people = {{1, "Ada", 36, 1}, {2, "Grace", 45, 2}, {3, "Linus", 28, 1}};
      for (Object[] p : people) {
        for (int i = 0; i < p.length; i++) {
          ps.setObject(i + 1, p[i]);
        }
        assertEquals(1, ps.executeUpdate());
      }
    }
  }

  private static List<String> rows(ResultSet rs, int columns) throws SQLException {
    List<String> out = new ArrayList<>();
    try (rs) {
      while (rs.next()) {
        StringBuilder row = new StringBuilder();
        for (int i = 1; i <= columns; i++) {
          row.append(i > 1 ? "|" : "").append(rs.getString(i));
        }
        out.add(row.toString());
      }
    }
    return out;
  }
}
