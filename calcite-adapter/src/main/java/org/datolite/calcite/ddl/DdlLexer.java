package org.datolite.calcite.ddl;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.datolite.DatoliteException;
import org.datolite.error.SqlState;

/**
 * The tokens of a DDL statement: words (unquoted identifiers and keywords), quoted identifiers
 * ({@code "name"}, {@code `name`}), string literals ({@code 'it''s'}), numbers and symbols, each
 * with its place in the text; comments ({@code --}, {@code /* … *}{@code /}) and white space
 * skipped.
 */
final class DdlLexer {
  private DdlLexer() {}

  enum Kind { WORD, QUOTED, STRING, NUMBER, SYMBOL, END }

  /**
   * A token.
   *
   * @param text a word upper-cased, a quoted identifier without its quotes, a string or number as
   *     written, a symbol itself
   * @param start its first character's offset in the statement
   * @param end the offset after its last character
   */
  record Token(Kind kind, String text, int start, int end) {
    boolean is(String word) {
      return (kind == Kind.WORD || kind == Kind.SYMBOL) && text.equals(word);
    }

    /** How an error names it. */
    String describe() {
      return switch (kind) {
        case END -> "the end of the statement";
        case STRING -> "'" + text + "'";
        case QUOTED -> "\"" + text + "\"";
        default -> "'" + text + "'";
      };
    }
  }

  static List<Token> tokens(String sql) {
    List<Token> out = new ArrayList<>();
    int i = 0;
    int n = sql.length();
    while (i < n) {
      char c = sql.charAt(i);
      if (Character.isWhitespace(c)) {
        i++;
      } else if (c == '-' && i + 1 < n && sql.charAt(i + 1) == '-') {
        while (i < n && sql.charAt(i) != '\n') {
          i++;
        }
      } else if (c == '/' && i + 1 < n && sql.charAt(i + 1) == '*') {
        int close = sql.indexOf("*/", i + 2);
        if (close < 0) {
          throw syntax("a comment opened at position " + (i + 1) + " is not closed");
        }
        i = close + 2;
      } else if (Character.isLetter(c) || c == '_') {
        int s = i;
        while (i < n && (Character.isLetterOrDigit(sql.charAt(i)) || sql.charAt(i) == '_' || sql.charAt(i) == '$')) {
          i++;
        }
        out.add(new Token(Kind.WORD, sql.substring(s, i).toUpperCase(Locale.ROOT), s, i));
      } else if (Character.isDigit(c) || c == '.' && i + 1 < n && Character.isDigit(sql.charAt(i + 1))) {
        int s = i;
        while (i < n && (Character.isDigit(sql.charAt(i)) || sql.charAt(i) == '.')) {
          i++;
        }
        if (i < n && (sql.charAt(i) == 'e' || sql.charAt(i) == 'E')) {
          int e = i + 1;
          if (e < n && (sql.charAt(e) == '+' || sql.charAt(e) == '-')) {
            e++;
          }
          if (e < n && Character.isDigit(sql.charAt(e))) {
            i = e;
            while (i < n && Character.isDigit(sql.charAt(i))) {
              i++;
            }
          }
        }
        out.add(new Token(Kind.NUMBER, sql.substring(s, i), s, i));
      } else if (c == '\'') {
        int s = i;
        StringBuilder b = new StringBuilder();
        i++;
        while (true) {
          if (i >= n) {
            throw syntax("a string opened at position " + (s + 1) + " is not closed");
          }
          char d = sql.charAt(i);
          if (d == '\'' && i + 1 < n && sql.charAt(i + 1) == '\'') {
            b.append('\'');
            i += 2;
          } else if (d == '\'') {
            i++;
            break;
          } else {
            b.append(d);
            i++;
          }
        }
        out.add(new Token(Kind.STRING, b.toString(), s, i));
      } else if (c == '"' || c == '`') {
        int s = i;
        int close = sql.indexOf(c, i + 1);
        if (close < 0) {
          throw syntax("a quoted name opened at position " + (s + 1) + " is not closed");
        }
        out.add(new Token(Kind.QUOTED, sql.substring(i + 1, close), s, close + 1));
        i = close + 1;
      } else if (c == ':' && i + 1 < n && sql.charAt(i + 1) == ':') {
        out.add(new Token(Kind.SYMBOL, "::", i, i + 2));
        i += 2;
      } else if ("(),;.=+-*/<>[]%|!".indexOf(c) >= 0) {
        out.add(new Token(Kind.SYMBOL, String.valueOf(c), i, i + 1));
        i++;
      } else {
        throw syntax("unexpected character '" + c + "' at position " + (i + 1));
      }
    }
    out.add(new Token(Kind.END, "", n, n));
    return out;
  }

  static DatoliteException syntax(String message) {
    return new DatoliteException(SqlState.SYNTAX_ERROR, message);
  }
}
