package org.datolite.edn;

/**
 * EDN text that cannot be read. The message says where, what was found and what was expected:
 * {@code EDN syntax error at line 3, column 14: unexpected ')'; expected a form}.
 *
 * <p>Lines and columns are 1-based. A line ends at {@code \n}, {@code \r\n} or a lone
 * {@code \r}; columns count Unicode code points, so a character outside the Basic Multilingual
 * Plane is one column and a tab is one column.
 */
public final class EdnException extends RuntimeException {
  private final EdnErrorCode code;
  private final int line;
  private final int column;
  private final String detail;

  /**
   * An error at a given place; {@code detail} says what was found and what was expected.
   */
  public EdnException(EdnErrorCode code, int line, int column, String detail) {
    super("EDN syntax error at line " + line + ", column " + column + ": " + detail);
    this.code = code;
    this.line = line;
    this.column = column;
    this.detail = detail;
  }

  /** An error at a char offset of {@code text}; the line and column are computed here, once. */
  static EdnException at(String text, int offset, EdnErrorCode code, String detail) {
    long lineColumn = lineAndColumn(text, offset);
    return new EdnException(code, (int) (lineColumn >>> 32), (int) lineColumn, detail);
  }

  /** {@code "line L, column C"} of a char offset, for messages that name a second place. */
  static String position(String text, int offset) {
    long lineColumn = lineAndColumn(text, offset);
    return "line " + (lineColumn >>> 32) + ", column " + (int) lineColumn;
  }

  private static long lineAndColumn(String text, int offset) {
    int line = 1;
    int column = 1;
    for (int i = 0; i < offset; i++) {
      char c = text.charAt(i);
      if (c == '\n' || (c == '\r' && (i + 1 >= text.length() || text.charAt(i + 1) != '\n'))) {
        line++;
        column = 1;
      } else if (!(Character.isLowSurrogate(c) && i > 0 && Character.isHighSurrogate(text.charAt(i - 1)))) {
        column++;
      }
    }
    return ((long) line << 32) | column;
  }

  public EdnErrorCode code() {
    return code;
  }

  /** The 1-based line of the error. */
  public int line() {
    return line;
  }

  /** The 1-based column of the error, in code points. */
  public int column() {
    return column;
  }

  /** The message without the position prefix: what was found and what was expected. */
  public String detail() {
    return detail;
  }
}
