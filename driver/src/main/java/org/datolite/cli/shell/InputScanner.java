package org.datolite.cli.shell;

import java.util.Locale;

/**
 * One input of a script as its lines arrive: says after each line whether the input is complete,
 * as {@link ShellInput#isComplete} says of the text so far, but scans only the new line (the
 * state — inside a quote, a quoted name or a block comment, the EDN depth and string, whether the
 * last significant character is {@code ;} — is kept), so a statement of many lines is scanned in
 * linear time. The first line must not be blank.
 */
final class InputScanner {
  private final Shell.Mode mode;
  private final StringBuilder text = new StringBuilder();
  /** The EDN argument of {@code !q}, {@code !tx} or {@code !pull} so far. */
  private StringBuilder argument;
  private ShellInput.SqlScan sql;
  private ShellInput.EdnScan edn;
  private boolean command;

  InputScanner(Shell.Mode mode) {
    this.mode = mode;
  }

  /** Adds a line (without its line break); returns whether the input is complete. */
  boolean add(String line) {
    boolean first = text.length() == 0;
    text.append(line).append('\n');
    if (first) {
      start(line);
    } else if (argument != null) {
      argument.append(line).append('\n');
    }
    if (command && argument == null) {
      return true;
    }
    if (edn != null) {
      return edn.advance().result().complete();
    }
    return sql.advance().result().complete();
  }

  private void start(String line) {
    command = ShellInput.isCommand(line);
    if (command) {
      String t = line.stripLeading();
      int space = 0;
      while (space < t.length() && !Character.isWhitespace(t.charAt(space))) {
        space++;
      }
      String name = t.substring(0, space).toLowerCase(Locale.ROOT);
      if (ShellInput.ednArgument(name) != null) {
        argument = new StringBuilder(t.substring(space)).append('\n');
        edn = new ShellInput.EdnScan(argument);
      }
    } else if (mode == Shell.Mode.SQL) {
      sql = new ShellInput.SqlScan(text);
    } else {
      edn = new ShellInput.EdnScan(text);
    }
  }

  /** The input's text: its lines, each with its line break. */
  String text() {
    return text.toString();
  }

  /** As {@link ShellInput#unfinished} of {@link #text()}: why the input cannot run at the end of the script, or null. */
  String unfinished() {
    if (command && argument == null) {
      return null;
    }
    return edn != null ? edn.result().problem() : sql.result().problem();
  }

  /** The characters scanned so far, each counted once per scan: linear in the input when scanning is incremental. */
  long examined() {
    return (sql == null ? 0 : sql.examined) + (edn == null ? 0 : edn.examined);
  }
}
