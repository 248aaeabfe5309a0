package org.datolite.cli.shell;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Decides when what was typed is a complete input, and splits SQL into statements. A line that
 * starts with {@code !} or {@code \} is a shell command, complete at the end of the line (the
 * EDN argument of {@code !q}, {@code !tx} and {@code !pull} once its brackets balance). SQL is
 * complete once a {@code ;} ends it outside quotes and comments ({@code '…'}, {@code "…"},
 * {@code -- …}, {@code /* … *}{@code /}); EDN once its brackets balance outside strings,
 * character literals and {@code ;} comments.
 */
public final class ShellInput {
  private ShellInput() {}

  /** Whether {@code text} is a shell command ({@code !…} or {@code \…}) rather than SQL or EDN. */
  public static boolean isCommand(String text) {
    String t = text.stripLeading();
    return t.startsWith("!") || t.startsWith("\\");
  }

  /** Whether {@code text} is ready to run in {@code mode} (blank text is: there is nothing to wait for). */
  public static boolean isComplete(String text, Shell.Mode mode) {
    if (text.isBlank()) {
      return true;
    }
    if (isCommand(text)) {
      String argument = ednArgument(text);
      return argument == null || scanEdn(argument).complete();
    }
    return mode == Shell.Mode.SQL ? scanSql(text).complete() : scanEdn(text).complete();
  }

  /**
   * Why {@code text}, at the end of the input, cannot run, or null if it can: SQL that lacks only
   * its final {@code ;} can; an unterminated string, quoted name or comment, or EDN whose
   * brackets do not balance, cannot.
   */
  public static String unfinished(String text, Shell.Mode mode) {
    if (text.isBlank()) {
      return null;
    }
    if (isCommand(text)) {
      String argument = ednArgument(text);
      return argument == null ? null : scanEdn(argument).problem();
    }
    return mode == Shell.Mode.SQL ? scanSql(text).problem() : scanEdn(text).problem();
  }

  /**
   * The SQL statements of {@code text}, split at each {@code ;} outside quotes and comments,
   * without their {@code ;}; pieces that hold nothing but blanks and comments are dropped.
   */
  public static List<String> sqlStatements(String text) {
    List<String> out = new ArrayList<>();
    SqlScanner s = new SqlScanner(text);
    int start = 0;
    boolean content = false;
    while (s.hasNext()) {
      int at = s.pos;
      char c = text.charAt(at);
      int kind = s.next();
      if (kind == SqlScanner.CODE && c == ';') {
        if (content) {
          out.add(text.substring(start, at).strip());
        }
        start = at + 1;
        content = false;
      } else if (kind == SqlScanner.QUOTED || kind == SqlScanner.CODE && !Character.isWhitespace(c)) {
        content = true;
      }
    }
    if (content) {
      out.add(text.substring(start).strip());
    }
    return out;
  }

  /** The EDN argument of {@code !q}, {@code !tx} or {@code !pull}, or null for any other command. */
  static String ednArgument(String commandLine) {
    String t = commandLine.strip();
    int space = 0;
    while (space < t.length() && !Character.isWhitespace(t.charAt(space))) {
      space++;
    }
    String name = t.substring(0, space).toLowerCase(Locale.ROOT);
    return "!q".equals(name) || "!tx".equals(name) || "!pull".equals(name) ? t.substring(space) : null;
  }

  /** What a scan found at the end of the text. */
  record Scan(boolean complete, String problem) {}

  static Scan scanSql(String text) {
    return new SqlScan(text).advance().result();
  }

  static Scan scanEdn(String text) {
    return new EdnScan(text).advance().result();
  }

  /**
   * Whether SQL text is complete, resumably: {@link #advance} scans what was appended since the
   * last call, so text fed a line at a time is scanned once. Lines are fed whole, each with its
   * line break, so no two-character token is split between calls.
   */
  static final class SqlScan {
    private final SqlScanner s;
    private boolean terminated;
    /** The characters examined so far (each once), for tests. */
    long examined;

    SqlScan(CharSequence text) {
      s = new SqlScanner(text);
    }

    SqlScan advance() {
      while (s.hasNext()) {
        char c = s.text.charAt(s.pos);
        int from = s.pos;
        int kind = s.next();
        examined += s.pos - from;
        if (kind == SqlScanner.QUOTED) {
          terminated = false;
        } else if (kind == SqlScanner.CODE && !Character.isWhitespace(c)) {
          terminated = c == ';';
        }
      }
      return this;
    }

    Scan result() {
      String problem = switch (s.state) {
        case SqlScanner.SINGLE -> "input ends inside a string literal opened at " + s.where(s.openedAt);
        case SqlScanner.DOUBLE -> "input ends inside a quoted name opened at " + s.where(s.openedAt);
        case SqlScanner.BLOCK_COMMENT -> "input ends inside a /* comment opened at " + s.where(s.openedAt);
        default -> null;
      };
      return new Scan(terminated && problem == null, problem);
    }
  }

  /**
   * Whether EDN text is complete (its brackets balance outside strings, character literals and
   * comments), resumably as {@link SqlScan}.
   */
  static final class EdnScan {
    private final CharSequence text;
    private int pos;
    private int depth;
    private boolean content;
    private boolean inString;
    private int openedAt = -1;
    /** The characters examined so far (each once), for tests. */
    long examined;

    EdnScan(CharSequence text) {
      this.text = text;
    }

    EdnScan advance() {
      int from = pos;
      int i = pos;
      for (; i < text.length(); i++) {
        char c = text.charAt(i);
        if (inString) {
          if (c == '\\') {
            i++;
          } else if (c == '"') {
            inString = false;
          }
          continue;
        }
        switch (c) {
          case '"' -> {
            inString = true;
            openedAt = i;
            content = true;
          }
          case ';' -> {
            while (i + 1 < text.length() && text.charAt(i + 1) != '\n') {
              i++;
            }
          }
          case '\\' -> {
            i++; // a character literal such as \( or \"
            content = true;
          }
          case '(', '[', '{' -> {
            depth++;
            content = true;
          }
          case ')', ']', '}' -> {
            depth--;
            content = true;
          }
          default -> content |= !Character.isWhitespace(c) && c != ',';
        }
      }
      pos = i;
      examined += pos - from;
      return this;
    }

    Scan result() {
      if (inString) {
        return new Scan(false, "input ends inside a string opened at " + SqlScanner.where(text, openedAt));
      }
      if (depth > 0) {
        return new Scan(false, "input ends with " + depth + " unclosed bracket" + (depth == 1 ? "" : "s")
            + " ((, [ or {)");
      }
      return new Scan(content, null);
    }
  }

  /**
   * Walks SQL text, saying of each character whether it is code, part of a quoted literal or
   * name (its quotes included), or part of a comment.
   */
  private static final class SqlScanner {
    /** A character outside quotes and comments (also a state: in code). */
    static final int CODE = 0;
    /** A character of a quoted literal or name. */
    static final int QUOTED = 1;
    /** A character of a comment. */
    static final int COMMENT = 2;
    static final int SINGLE = 3;
    static final int DOUBLE = 4;
    static final int LINE_COMMENT = 5;
    static final int BLOCK_COMMENT = 6;

    private final CharSequence text;
    int pos;
    int state = CODE;
    int openedAt;

    SqlScanner(CharSequence text) {
      this.text = text;
    }

    boolean hasNext() {
      return pos < text.length();
    }

    /** Consumes one character (two for a comment's opener or closer and a doubled quote) and says what it was. */
    int next() {
      int at = pos;
      char c = text.charAt(pos++);
      char following = pos < text.length() ? text.charAt(pos) : '\0';
      switch (state) {
        case CODE -> {
          if (c == '\'' || c == '"') {
            state = c == '\'' ? SINGLE : DOUBLE;
            openedAt = at;
            return QUOTED;
          } else if (c == '-' && following == '-' || c == '/' && following == '*') {
            state = c == '-' ? LINE_COMMENT : BLOCK_COMMENT;
            openedAt = at;
            pos++;
            return COMMENT;
          }
          return CODE;
        }
        case SINGLE, DOUBLE -> {
          char quote = state == SINGLE ? '\'' : '"';
          if (c == quote) {
            if (following == quote) {
              pos++; // a doubled quote stands for itself
            } else {
              state = CODE;
            }
          }
          return QUOTED;
        }
        case LINE_COMMENT -> {
          if (c == '\n') {
            state = CODE;
          }
          return COMMENT;
        }
        default -> {
          if (c == '*' && following == '/') {
            pos++;
            state = CODE;
          }
          return COMMENT;
        }
      }
    }

    String where(int offset) {
      return where(text, offset);
    }

    static String where(CharSequence text, int offset) {
      int line = 1;
      int column = 1;
      for (int i = 0; i < offset; i++) {
        if (text.charAt(i) == '\n') {
          line++;
          column = 1;
        } else {
          column++;
        }
      }
      return "line " + line + ", column " + column;
    }
  }
}
