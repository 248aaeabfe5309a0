package org.datolite.sqltests;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A parsed script file of the script tests; the format is documented in {@code sql-tests/README.md}
 * ("Script tests"). In short:
 *
 * <pre>
 * # a comment, between steps
 * &#64;edn                         a data block: EDN tx-data, transacted through the native API
 * [{:db/ident :person/name …}]
 * &#64;end
 * &#64;sql                         a data block of plain SQL (statements ending in ;), not checked
 * CREATE TABLE person (…);
 * &#64;end
 *
 * SELECT NAME FROM PERSON       a statement: lines up to one that ends in ;
 *   ORDER BY NAME;
 * NAME                          its expectation, up to a blank line: a header of labels,
 * Ann                           then one line per row, values joined by " | ", NULL for null
 *
 * SELECT * FROM NOPE;
 * !error 42                     or an error: SQLSTATE, or its class of two characters
 *
 * EXPLAIN PLAN FOR SELECT …;
 * !plan                         or lines that must each occur in the plan's text
 * EntityScan
 *
 * !ok / !count 3                or success alone / an update count
 * </pre>
 *
 * @param name the file name, for messages
 * @param lines the file's lines, for rewriting it with new expectations
 * @param steps data blocks and statements in file order
 */
record Script(String name, List<String> lines, List<Step> steps) {

  /** A step of a script. */
  sealed interface Step permits Data, Check {
    /** The 1-based line of the step's first line. */
    int line();
  }

  /** A data block: EDN for the native API, or setup SQL run on the target. */
  record Data(int line, boolean edn, String text) implements Step {}

  /**
   * A statement and its expectation, which occupies lines {@code expectFrom} to
   * {@code expectTo} (1-based, exclusive end; equal when the expectation is empty).
   */
  record Check(int line, String sql, List<String> expected, int expectFrom, int expectTo) implements Step {
    /** True when the rows must come in the order given: the statement has an ORDER BY. */
    boolean ordered() {
      return sql.toUpperCase(Locale.ROOT).replaceAll("\\s+", " ").contains("ORDER BY");
    }
  }

  /** Parses the text of a script file. */
  static Script parse(String name, String text) {
    List<String> lines = List.of(text.split("\r?\n", -1));
    List<Step> steps = new ArrayList<>();
    int i = 0;
    while (i < lines.size()) {
      String line = lines.get(i);
      String t = line.trim();
      if (t.isEmpty() || t.startsWith("#")) {
        i++;
      } else if (t.equals("@edn") || t.equals("@sql")) {
        int start = i + 1;
        StringBuilder body = new StringBuilder();
        i++;
        while (i < lines.size() && !lines.get(i).trim().equals("@end")) {
          body.append(lines.get(i)).append('\n');
          i++;
        }
        if (i == lines.size()) {
          throw new IllegalArgumentException(name + ":" + start + ": " + t + " without @end");
        }
        i++;
        steps.add(new Data(start, t.equals("@edn"), body.toString()));
      } else {
        int start = i + 1;
        StringBuilder sql = new StringBuilder();
        while (true) {
          if (i == lines.size()) {
            throw new IllegalArgumentException(name + ":" + start + ": statement without a closing ;");
          }
          String s = lines.get(i++);
          String st = s.stripTrailing();
          if (st.endsWith(";")) {
            sql.append(st, 0, st.length() - 1);
            break;
          }
          sql.append(s).append('\n');
        }
        int from = i;
        List<String> expected = new ArrayList<>();
        while (i < lines.size() && !lines.get(i).trim().isEmpty()) {
          expected.add(lines.get(i).stripTrailing());
          i++;
        }
        steps.add(new Check(start, sql.toString().strip(), expected, from + 1, i + 1));
      }
    }
    return new Script(name, lines, steps);
  }

  /** The file's text with the expectation of each check in {@code replaced} (same order as steps) swapped in. */
  String rewrite(Map<Check, List<String>> replaced) {
    List<String> out = new ArrayList<>();
    int next = 0; // 0-based index of the next line of the file to copy
    for (Step s : steps) {
      if (s instanceof Check c && replaced.containsKey(c)) {
        while (next < c.expectFrom() - 1) {
          out.add(lines.get(next++));
        }
        out.addAll(replaced.get(c));
        next = c.expectTo() - 1;
      }
    }
    while (next < lines.size()) {
      out.add(lines.get(next++));
    }
    return String.join("\n", out);
  }
}
