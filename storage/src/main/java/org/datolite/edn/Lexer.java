package org.datolite.edn;

import org.datolite.value.Keyword;

/**
 * Splits EDN text into tokens, one at a time, in a single forward pass: every character is looked
 * at a bounded number of times, so lexing is linear in the input. Whitespace (including commas)
 * and {@code ;} comments are skipped. Strings, characters, numbers, symbols, keywords and
 * {@code ##} values become {@link Token#ATOM}s with their value; delimiters, tags and {@code #_}
 * are left to the {@link Parser}.
 *
 * <p>A token's place is its char offset; line and column are computed only for an error
 * ({@link EdnException#at}), so that lexing a long line stays linear.
 */
final class Lexer {
  /** What {@link #next()} found. */
  enum Token {
    END, ATOM, OPEN_LIST, OPEN_VECTOR, OPEN_MAP, OPEN_SET, CLOSE_LIST, CLOSE_VECTOR, CLOSE_MAP, TAG, DISCARD
  }

  private final String text;
  private final int length;
  private final int maxNumberLength;
  private final TextCache<Keyword> keywords = new TextCache<>(KEYWORDS_KEPT);
  private final TextCache<Symbol> tags = new TextCache<>(TAGS_KEPT);
  private int pos;
  private int start;
  private Object value;
  private Symbol tag;

  Lexer(String text, int maxNumberLength) {
    this.text = text;
    this.length = text.length();
    this.maxNumberLength = maxNumberLength;
    if (length > 0 && text.charAt(0) == '\uFEFF') {
      pos = 1;
    }
  }

  /** The char offset where the last token starts. */
  int start() {
    return start;
  }

  /** The value of the last {@link Token#ATOM}. */
  Object value() {
    return value;
  }

  /** The symbol of the last {@link Token#TAG}, without '#'. */
  Symbol tag() {
    return tag;
  }

  /** The text of the last token, cut for a message. */
  String tokenText() {
    int end = Math.min(pos, start + 40);
    return text.substring(start, end) + (pos > end ? "…" : "");
  }

  Token next() {
    skipBlank();
    start = pos;
    if (pos >= length) {
      return Token.END;
    }
    char c = text.charAt(pos);
    switch (c) {
      case '(': pos++; return Token.OPEN_LIST;
      case ')': pos++; return Token.CLOSE_LIST;
      case '[': pos++; return Token.OPEN_VECTOR;
      case ']': pos++; return Token.CLOSE_VECTOR;
      case '{': pos++; return Token.OPEN_MAP;
      case '}': pos++; return Token.CLOSE_MAP;
      case '"':
        value = string();
        return Token.ATOM;
      case '\\':
        value = character();
        return Token.ATOM;
      case '#':
        return dispatch();
      default:
        int end = tokenEnd(pos);
        value = c == ':' ? keyword(pos, end) : Tokens.read(text, pos, end, maxNumberLength);
        pos = end;
        return Token.ATOM;
    }
  }

  /**
   * A keyword token, remembered by its text: transaction data names a few attributes many times
   * over (a bulk load's rows), and each is checked and split once.
   */
  private Object keyword(int start, int end) {
    Keyword known = keywords.get(text, start, end);
    if (known != null) {
      return known;
    }
    Object k = Tokens.read(text, start, end, maxNumberLength);
    if (k instanceof Keyword kw) {
      keywords.put(text, start, end, kw);
    }
    return k;
  }

  /** The most keywords one text remembers. */
  private static final int KEYWORDS_KEPT = 4096;
  /** The most tag names one text remembers. */
  private static final int TAGS_KEPT = 64;

  private void skipBlank() {
    while (pos < length) {
      char c = text.charAt(pos);
      if (c == ';') {
        while (pos < length && text.charAt(pos) != '\n' && text.charAt(pos) != '\r') {
          pos++;
        }
      } else if (c == ',' || Character.isWhitespace(c)) {
        pos++;
      } else {
        return;
      }
    }
  }

  /** The end of the bare token that starts at {@code from}. */
  private int tokenEnd(int from) {
    int i = from;
    while (i < length && !isTerminator(text.charAt(i))) {
      i++;
    }
    return i;
  }

  private static boolean isTerminator(char c) {
    switch (c) {
      case '(': case ')': case '[': case ']': case '{': case '}': case '"': case ';': case '\\': case ',':
        return true;
      default:
        return Character.isWhitespace(c);
    }
  }

  private String string() {
    int open = pos;
    pos++;
    int segment = pos;
    StringBuilder sb = null;
    while (pos < length) {
      char c = text.charAt(pos);
      if (c == '"') {
        String s = sb == null ? text.substring(segment, pos) : sb.append(text, segment, pos).toString();
        pos++;
        return s;
      }
      if (c != '\\') {
        pos++;
        continue;
      }
      if (sb == null) {
        sb = new StringBuilder(pos - segment + 16);
      }
      sb.append(text, segment, pos);
      if (pos + 1 >= length) {
        break;
      }
      char e = text.charAt(pos + 1);
      switch (e) {
        case 't': sb.append('\t'); break;
        case 'r': sb.append('\r'); break;
        case 'n': sb.append('\n'); break;
        case 'b': sb.append('\b'); break;
        case 'f': sb.append('\f'); break;
        case '\\': sb.append('\\'); break;
        case '"': sb.append('"'); break;
        case 'u':
          int code = hex4(pos + 2);
          if (code < 0) {
            throw error(pos, EdnErrorCode.INVALID_STRING, "invalid escape \""
                + text.substring(pos, Math.min(length, pos + 6)) + "\" in string; expected \\u and four hexadecimal digits");
          }
          sb.append((char) code);
          pos += 4;
          break;
        default:
          throw error(pos, EdnErrorCode.INVALID_STRING, "unknown escape \"\\" + e
              + "\" in string; expected one of \\t \\r \\n \\\\ \\\" \\b \\f \\uXXXX");
      }
      pos += 2;
      segment = pos;
    }
    throw error(length, EdnErrorCode.UNEXPECTED_END, "unterminated string started at "
        + EdnException.position(text, open) + "; expected '\"' before the end of input");
  }

  /** The value of four hex digits at {@code at}, or -1. */
  private int hex4(int at) {
    if (at + 4 > length) {
      return -1;
    }
    int code = 0;
    for (int i = at; i < at + 4; i++) {
      char c = text.charAt(i);
      int d = c < 0x80 ? Character.digit(c, 16) : -1;
      if (d < 0) {
        return -1;
      }
      code = code * 16 + d;
    }
    return code;
  }

  private Character character() {
    int at = pos;
    if (pos + 1 >= length) {
      throw error(at, EdnErrorCode.UNEXPECTED_END, "unexpected end of input after '\\'; expected a character");
    }
    char first = text.charAt(pos + 1);
    if (Character.isWhitespace(first)) {
      throw error(at, EdnErrorCode.INVALID_CHARACTER,
          "'\\' is followed by whitespace; expected a character such as \\a, \\space or \\u0041");
    }
    // The first character is taken whatever it is, so that \( \" \\ \; \, are characters.
    int end = pos + 2;
    if (Character.isHighSurrogate(first) && end < length && Character.isLowSurrogate(text.charAt(end))) {
      end++;
    }
    end = tokenEnd(end);
    pos = end;
    if (end - at == 2) {
      return first;
    }
    String name = text.substring(at + 1, end);
    switch (name) {
      case "newline": return '\n';
      case "space": return ' ';
      case "tab": return '\t';
      case "return": return '\r';
      case "backspace": return '\b';
      case "formfeed": return '\f';
      default:
        break;
    }
    if (name.length() == 5 && name.charAt(0) == 'u' && hex4(at + 2) >= 0) {
      return (char) hex4(at + 2);
    }
    if (name.codePointCount(0, name.length()) == 1) {
      throw error(at, EdnErrorCode.INVALID_CHARACTER, "character \\" + name
          + " is outside the Basic Multilingual Plane and does not fit a Java char; expected a string");
    }
    throw error(at, EdnErrorCode.INVALID_CHARACTER, "unknown character \\" + tokenText().substring(1)
        + "; expected a single character, \\newline, \\space, \\tab, \\return, \\backspace, \\formfeed or \\uXXXX");
  }

  private Token dispatch() {
    int at = pos;
    if (pos + 1 >= length) {
      throw error(at, EdnErrorCode.UNEXPECTED_END,
          "unexpected end of input after '#'; expected '{', '_', '#' or a tag such as #inst");
    }
    char c = text.charAt(pos + 1);
    switch (c) {
      case '{':
        pos += 2;
        return Token.OPEN_SET;
      case '_':
        pos += 2;
        return Token.DISCARD;
      case '#':
        return symbolicValue();
      case '"':
        throw error(at, EdnErrorCode.UNSUPPORTED_SYNTAX, "regular expressions #\"…\" are not EDN; expected a string");
      case ':':
        throw error(at, EdnErrorCode.UNSUPPORTED_SYNTAX, "namespaced maps #:ns{…} are not EDN; expected {…}");
      case '(':
        throw error(at, EdnErrorCode.UNSUPPORTED_SYNTAX, "anonymous functions #(…) are not EDN; expected a list");
      default:
        break;
    }
    int cp = text.codePointAt(pos + 1);
    if (!Character.isLetter(cp)) {
      String shown = cp < 0x20 || Character.isWhitespace(cp) ? String.format("U+%04X", cp) : "'" + Character.toString(cp) + "'";
      throw error(at, EdnErrorCode.UNEXPECTED_TOKEN, "unexpected " + shown
          + " after '#'; expected '{', '_', '#' or a tag name starting with a letter");
    }
    int end = tokenEnd(pos + 1);
    tag = tags.get(text, pos + 1, end);
    if (tag == null) {
      tag = Tokens.tag(text, pos + 1, end);
      tags.put(text, pos + 1, end, tag);
    }
    pos = end;
    return Token.TAG;
  }

  private Token symbolicValue() {
    int end = tokenEnd(pos + 2);
    String name = text.substring(pos + 2, end);
    switch (name) {
      case "Inf": value = Double.POSITIVE_INFINITY; break;
      case "-Inf": value = Double.NEGATIVE_INFINITY; break;
      case "NaN": value = Double.NaN; break;
      default:
        pos = end;
        throw error(start, EdnErrorCode.INVALID_NUMBER, "unknown symbolic value " + tokenText()
            + "; expected ##Inf, ##-Inf or ##NaN");
    }
    pos = end;
    return Token.ATOM;
  }

  private EdnException error(int offset, EdnErrorCode code, String detail) {
    return EdnException.at(text, offset, code, detail);
  }
}
