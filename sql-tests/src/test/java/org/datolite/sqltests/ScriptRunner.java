package org.datolite.sqltests;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicTest;

/**
 * Runs {@link Script}s against a {@link Target} as JUnit dynamic tests: one container per file,
 * one test per data block and per statement, named by its line and reported with the file and
 * line as its source, so a failure points at the statement and shows expected against actual.
 *
 * <p>With {@code -Ddatolite.script.update=true} a statement whose answer differs from its
 * expectation does not fail; its expectation is replaced by the answer, and after the file's
 * last step the file under {@code src/test/resources} is rewritten in place. Expectations that
 * held are left exactly as written (so hand-ordered bags and hand-picked plan fragments stay).
 */
final class ScriptRunner {
  /** The system property that rewrites the expectations instead of failing. */
  static final String UPDATE_PROPERTY = "datolite.script.update";

  /** Where a script's statements run. */
  interface Target extends AutoCloseable {
    /** Transacts EDN tx-data through the native API. */
    void transact(String edn) throws Exception;

    /** The JDBC connection statements run on; the same one for every call. */
    Connection connection() throws SQLException;

    /** True when only rows are checked here: expected errors and plans are skipped. */
    default boolean rowsOnly() {
      return false;
    }

    /** Why {@code sql} is not run on this target, or null when it is. */
    default String skipReason(String sql) {
      return null;
    }

    /** Column {@code i}'s value as the expectations show it: {@code getString}. */
    default String render(ResultSet rs, int i) throws SQLException {
      return rs.getString(i);
    }

    @Override
    void close() throws SQLException;
  }

  /** Opens a fresh target for one script file. */
  @FunctionalInterface
  interface TargetFactory {
    Target open(String scriptName) throws Exception;
  }

  private ScriptRunner() {}

  /** A container per script under the class-path folder {@code folder}, run on targets from {@code targets}. */
  static Stream<DynamicNode> scripts(String folder, TargetFactory targets) {
    URL url = ScriptRunner.class.getClassLoader().getResource(folder);
    if (url == null) {
      throw new IllegalStateException("no scripts folder " + folder + " on the class path");
    }
    List<Path> files;
    try (Stream<Path> s = Files.list(Path.of(url.toURI()))) {
      files = s.filter(p -> p.toString().endsWith(".sql")).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
    return files.stream().map(f -> file(folder, f, targets));
  }

  private static DynamicNode file(String folder, Path file, TargetFactory targets) {
    String name = file.getFileName().toString();
    Script script;
    try {
      script = Script.parse(name, Files.readString(file, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Path source = sourceOf(folder, name);
    URI uri = (Files.exists(source) ? source : file).toUri();
    Session session = new Session(script, targets, source);
    List<DynamicNode> tests = new ArrayList<>();
    for (Script.Step step : script.steps()) {
      URI at = URI.create(uri + "?line=" + step.line());
      if (step instanceof Script.Data d) {
        tests.add(DynamicTest.dynamicTest(name + ":" + d.line() + " " + (d.edn() ? "@edn" : "@sql"), at,
            () -> session.load(d)));
      } else {
        Script.Check c = (Script.Check) step;
        tests.add(DynamicTest.dynamicTest(name + ":" + c.line() + " " + abbreviate(c.sql()), at,
            () -> session.check(c)));
      }
    }
    tests.add(DynamicTest.dynamicTest(name + ": close" + (update() ? " and rewrite" : ""), uri, session::finish));
    return DynamicContainer.dynamicContainer(name, uri, tests.stream());
  }

  private static String abbreviate(String sql) {
    String one = sql.replaceAll("\\s+", " ");
    return one.length() <= 70 ? one : one.substring(0, 67) + "...";
  }

  static boolean update() {
    return Boolean.getBoolean(UPDATE_PROPERTY);
  }

  /** The script's file in the module's sources, which update mode rewrites. */
  private static Path sourceOf(String folder, String name) {
    String basedir = System.getProperty("basedir", System.getProperty("user.dir"));
    return Path.of(basedir, "src", "test", "resources", folder, name);
  }

  /** One script's run: its target, opened by the first step, and the expectations to rewrite. */
  private static final class Session {
    private final Script script;
    private final TargetFactory targets;
    private final Path source;
    private final Map<Script.Check, List<String>> updates = new LinkedHashMap<>();
    private Target target;

    Session(Script script, TargetFactory targets, Path source) {
      this.script = script;
      this.targets = targets;
      this.source = source;
    }

    private Target target() throws Exception {
      if (target == null) {
        target = targets.open(script.name());
      }
      return target;
    }

    void load(Script.Data d) throws Exception {
      if (d.edn()) {
        target().transact(d.text());
        return;
      }
      try (Statement st = target().connection().createStatement()) {
        for (String sql : d.text().split(";\\s*(\\n|$)")) {
          if (!sql.isBlank()) {
            st.execute(sql);
          }
        }
      }
    }

    void check(Script.Check c) throws Exception {
      String kind = c.expected().isEmpty() ? "" : c.expected().get(0).trim();
      if ((kind.startsWith("!error") || kind.startsWith("!plan")) && target().rowsOnly()) {
        Assumptions.abort("this target checks rows only, not " + kind);
      }
      String skip = target().skipReason(c.sql());
      if (skip != null) {
        Assumptions.abort(skip);
      }
      List<String> actual = answer(c);
      String where = script.name() + ":" + c.line();
      if (matches(c, actual)) {
        return;
      }
      if (update()) {
        updates.put(c, actual);
        System.out.println("script update: " + where + " gets a new expectation");
        return;
      }
      List<String> shownExpected = c.expected();
      List<String> shownActual = actual;
      if (!c.ordered() && isRows(c.expected())) {
        shownExpected = sortedRows(c.expected());
        shownActual = sortedRows(actual);
      }
      assertEquals(String.join("\n", shownExpected), String.join("\n", shownActual),
          () -> where + ": " + c.sql() + "\n" + (c.ordered() || !isRows(c.expected()) ? "" : "(rows compared as a bag, shown sorted)\n")
              + diff(c.expected(), actual) + "rerun with -D" + UPDATE_PROPERTY + "=true to take the actual answer");
    }

    void finish() throws Exception {
      try {
        if (target != null) {
          target.close();
        }
      } finally {
        target = null;
        if (update() && !updates.isEmpty()) {
          Files.writeString(source, script.rewrite(updates), StandardCharsets.UTF_8);
          System.out.println("script update: rewrote " + source + " (" + updates.size() + " expectations)");
        }
      }
    }

    /** The statement's answer in the form of an expectation of the same kind as {@code c}'s. */
    private List<String> answer(Script.Check c) throws Exception {
      String kind = c.expected().isEmpty() ? "" : c.expected().get(0).trim();
      Connection conn = target().connection();
      try (Statement st = conn.createStatement()) {
        boolean hasRows = st.execute(c.sql());
        if (kind.equals("!ok")) {
          return List.of("!ok");
        }
        if (!hasRows) {
          return List.of("!count " + st.getUpdateCount());
        }
        try (ResultSet rs = st.getResultSet()) {
          if (kind.equals("!plan")) {
            return plan(c, rs);
          }
          return rows(rs, target());
        }
      } catch (SQLException e) {
        List<String> out = new ArrayList<>();
        out.add("!error " + e.getSQLState());
        out.add("# " + e.getMessage().lines().findFirst().orElse(""));
        return out;
      }
    }

    private static List<String> plan(Script.Check c, ResultSet rs) throws SQLException {
      StringBuilder text = new StringBuilder();
      while (rs.next()) {
        text.append(rs.getString(1)).append('\n');
      }
      List<String> out = new ArrayList<>();
      out.add("!plan");
      boolean all = true;
      for (String want : c.expected().subList(1, c.expected().size())) {
        all &= text.indexOf(want.strip()) >= 0;
      }
      if (all) {
        out.addAll(c.expected().subList(1, c.expected().size()));
      } else {
        text.toString().lines().filter(l -> !l.isBlank()).map(String::strip).forEach(out::add);
      }
      return out;
    }

    static List<String> rows(ResultSet rs, Target target) throws SQLException {
      ResultSetMetaData md = rs.getMetaData();
      int n = md.getColumnCount();
      List<String> out = new ArrayList<>();
      StringJoiner header = new StringJoiner(" | ");
      for (int i = 1; i <= n; i++) {
        header.add(md.getColumnLabel(i));
      }
      out.add(header.toString());
      while (rs.next()) {
        StringJoiner row = new StringJoiner(" | ");
        for (int i = 1; i <= n; i++) {
          String v = target.render(rs, i);
          row.add(v == null || rs.wasNull() ? "NULL" : v);
        }
        out.add(row.toString());
      }
      return out;
    }

    private static boolean isRows(List<String> expectation) {
      return !expectation.isEmpty() && !expectation.get(0).startsWith("!");
    }

    private static boolean matches(Script.Check c, List<String> actual) {
      List<String> want = c.expected();
      if (want.isEmpty()) {
        return false; // not written yet: fails, or update mode writes it
      }
      String kind = want.get(0).trim();
      if (kind.startsWith("!error")) {
        String code = kind.substring("!error".length()).trim();
        String got = actual.get(0);
        return got.startsWith("!error ") && !code.isEmpty() && got.substring("!error ".length()).startsWith(code);
      }
      if (kind.equals("!plan")) {
        return actual.equals(want);
      }
      if (kind.equals("!ok") || kind.startsWith("!count")) {
        return actual.size() == 1 && actual.get(0).equals(kind);
      }
      if (c.ordered()) {
        return want.equals(actual);
      }
      return sortedRows(want).equals(sortedRows(actual));
    }

    /** The header, then the rows sorted. */
    private static List<String> sortedRows(List<String> block) {
      if (block.isEmpty()) {
        return block;
      }
      List<String> rows = new ArrayList<>(block.subList(1, block.size()));
      rows.sort(null);
      List<String> out = new ArrayList<>();
      out.add(block.get(0));
      out.addAll(rows);
      return out;
    }

    /** The lines of each side that the other lacks (as bags), for the failure message. */
    private static String diff(List<String> expected, List<String> actual) {
      List<String> onlyExpected = new ArrayList<>(expected);
      List<String> onlyActual = new ArrayList<>();
      for (String a : actual) {
        if (!onlyExpected.remove(a)) {
          onlyActual.add(a);
        }
      }
      StringBuilder sb = new StringBuilder();
      onlyExpected.forEach(l -> sb.append("- ").append(l).append('\n'));
      onlyActual.forEach(l -> sb.append("+ ").append(l).append('\n'));
      return sb.toString();
    }
  }
}
