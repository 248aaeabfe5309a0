package org.datolite.cli.shell;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.jline.reader.CompletingParsedLine;
import org.jline.reader.EOFError;
import org.jline.reader.ParsedLine;
import org.jline.reader.Parser;

/**
 * JLine's view of the shell's input: Enter on an incomplete input ({@link ShellInput#isComplete})
 * continues it on a new line instead of running it, and the word being completed is the run of
 * name characters before the cursor (letters, digits and {@code _ . : / - ? ! \ *}), so that
 * {@code name,em} completes {@code em}.
 */
public final class ShellParser implements Parser {
  private final Supplier<Shell.Mode> mode;

  public ShellParser(Supplier<Shell.Mode> mode) {
    this.mode = mode;
  }

  /** The words of a line, and the one the cursor is in. */
  record Line(String word, int wordCursor, int wordIndex, List<String> words, String line, int cursor)
      implements CompletingParsedLine {
    /** Names need no quoting or escaping: a candidate is inserted as it is. */
    @Override
    public CharSequence escape(CharSequence candidate, boolean complete) {
      return candidate;
    }

    @Override
    public int rawWordCursor() {
      return wordCursor;
    }

    @Override
    public int rawWordLength() {
      return word.length();
    }
  }

  @Override
  public ParsedLine parse(String line, int cursor, ParseContext context) {
    if (context == ParseContext.ACCEPT_LINE && !ShellInput.isComplete(line, mode.get())) {
      throw new EOFError(-1, cursor, "incomplete input", ShellInput.isCommand(line) || mode.get() == Shell.Mode.DATALOG
          ? "edn" : "sql");
    }
    int at = Math.min(Math.max(cursor, 0), line.length());
    List<String> words = new ArrayList<>();
    int wordIndex = -1;
    int wordCursor = 0;
    int i = 0;
    while (i < line.length()) {
      if (!isNameChar(line.charAt(i))) {
        i++;
        continue;
      }
      int start = i;
      while (i < line.length() && isNameChar(line.charAt(i))) {
        i++;
      }
      if (start <= at && at <= i && wordIndex < 0) {
        wordIndex = words.size();
        wordCursor = at - start;
      }
      words.add(line.substring(start, i));
    }
    if (wordIndex < 0) {
      wordIndex = words.size();
      words.add(""); // the cursor is between words: completing an empty one there
    }
    return new Line(words.get(wordIndex), wordCursor, wordIndex, words, line, at);
  }

  @Override
  public boolean isEscapeChar(char ch) {
    return false;
  }

  /** The run of name characters that ends at {@code cursor}. */
  static String wordBefore(String line, int cursor) {
    int start = cursor;
    while (start > 0 && isNameChar(line.charAt(start - 1))) {
      start--;
    }
    return line.substring(start, cursor);
  }

  private static boolean isNameChar(char c) {
    return Character.isLetterOrDigit(c) || "_.:/-?!\\*".indexOf(c) >= 0;
  }
}
