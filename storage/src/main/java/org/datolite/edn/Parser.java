package org.datolite.edn;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.function.Function;
import org.datolite.edn.Lexer.Token;

/**
 * Builds forms from the tokens of one text, without recursion: open collections, pending tags and
 * pending {@code #_} discards are frames on an explicit stack, so nesting costs heap (bounded by
 * the depth limit), never Java stack. See {@link EdnReader} for the design.
 */
final class Parser {
  /** What {@link #next} returns at the end of the input. */
  static final Object END = new Object();

  private static final int SHOWN = 60;

  private final String text;
  private final Lexer lexer;
  private final Map<Symbol, Function<Object, Object>> tags;
  private final int maxDepth;
  private Frame[] stack = new Frame[8];
  private int depth;

  /** An open collection, or a tag or discard waiting for its form. */
  private static final class Frame {
    final Token kind;
    final int start;
    ArrayList<Object> items;
    LinkedHashSet<Object> set;
    LinkedHashMap<Object, Object> map;
    Object key;
    boolean hasKey;
    int keyStart;
    Symbol tag;

    Frame(Token kind, int start) {
      this.kind = kind;
      this.start = start;
      switch (kind) {
        case OPEN_LIST, OPEN_VECTOR -> items = new ArrayList<>();
        case OPEN_SET -> set = new LinkedHashSet<>();
        case OPEN_MAP -> map = new LinkedHashMap<>();
        default -> { }
      }
    }
  }

  Parser(String text, Map<Symbol, Function<Object, Object>> tags, int maxDepth, int maxNumberLength) {
    this.text = text;
    this.lexer = new Lexer(text, maxNumberLength);
    this.tags = tags;
    this.maxDepth = maxDepth;
  }

  /**
   * The next top-level form, or {@link #END}. With {@code expectEnd}, any further form is an
   * error (discarded ones aside): {@link EdnReader#read} reads exactly one form.
   */
  Object next(boolean expectEnd) {
    while (true) {
      Token token = lexer.next();
      int start = lexer.start();
      if (expectEnd && depth == 0 && token != Token.END && token != Token.DISCARD) {
        throw error(start, EdnErrorCode.UNEXPECTED_TOKEN,
            "unexpected '" + lexer.tokenText() + "' after the first form; expected the end of input"
                + " (readAll reads several forms)");
      }
      Object value;
      switch (token) {
        case END -> {
          if (depth == 0) {
            return END;
          }
          throw error(text.length(), EdnErrorCode.UNEXPECTED_END, "unexpected end of input; expected " + expectation(top()));
        }
        case OPEN_LIST, OPEN_VECTOR, OPEN_MAP, OPEN_SET, DISCARD -> {
          push(new Frame(token, start));
          continue;
        }
        case TAG -> {
          Frame frame = new Frame(token, start);
          frame.tag = lexer.tag();
          if (!tags.containsKey(frame.tag)) {
            throw error(start, EdnErrorCode.UNKNOWN_TAG, "unknown tag #" + frame.tag + "; expected one of "
                + knownTags() + " (EdnReader.Builder.tag adds more)");
          }
          push(frame);
          continue;
        }
        case CLOSE_LIST, CLOSE_VECTOR, CLOSE_MAP -> {
          Frame frame = close(token, start);
          value = build(frame);
          start = frame.start;
        }
        case ATOM -> value = lexer.value();
        default -> throw new AssertionError(token);
      }
      // Deliver the finished form to the frames waiting for it.
      while (true) {
        if (depth == 0) {
          return value;
        }
        Frame top = top();
        if (top.kind == Token.TAG) {
          pop();
          value = applyTag(top, value);
          start = top.start;
        } else if (top.kind == Token.DISCARD) {
          pop();
          break;
        } else {
          add(top, value, start);
          break;
        }
      }
    }
  }

  private void push(Frame frame) {
    if (depth >= maxDepth) {
      throw error(frame.start, EdnErrorCode.TOO_DEEP, "nesting deeper than " + maxDepth + " at '"
          + lexer.tokenText() + "'; expected at most " + maxDepth
          + " nested collections, tags and discards (EdnReader.Builder.maxDepth)");
    }
    if (depth == stack.length) {
      stack = Arrays.copyOf(stack, depth * 2);
    }
    stack[depth++] = frame;
  }

  private Frame top() {
    return stack[depth - 1];
  }

  private void pop() {
    stack[--depth] = null;
  }

  private Frame close(Token token, int start) {
    Token opener = switch (token) {
      case CLOSE_LIST -> Token.OPEN_LIST;
      case CLOSE_VECTOR -> Token.OPEN_VECTOR;
      default -> Token.OPEN_MAP;
    };
    String found = "unexpected '" + lexer.tokenText() + "'; expected ";
    if (depth == 0) {
      throw error(start, EdnErrorCode.UNEXPECTED_TOKEN, found + "a form");
    }
    Frame top = top();
    boolean matches = top.kind == opener || (opener == Token.OPEN_MAP && top.kind == Token.OPEN_SET);
    if (!matches) {
      throw error(start, EdnErrorCode.UNEXPECTED_TOKEN, found + expectation(top));
    }
    if (top.hasKey) {
      throw error(start, EdnErrorCode.ODD_MAP, "the map opened at " + EdnException.position(text, top.start)
          + " has an odd number of forms: key " + describe(top.key) + " at "
          + EdnException.position(text, top.keyStart) + " has no value; expected a value before '}'");
    }
    pop();
    return top;
  }

  /** What the frame waits for, for messages: "']' to close the vector opened at line 1, column 1". */
  private String expectation(Frame frame) {
    String where = EdnException.position(text, frame.start);
    return switch (frame.kind) {
      case OPEN_LIST -> "')' to close the list opened at " + where;
      case OPEN_VECTOR -> "']' to close the vector opened at " + where;
      case OPEN_SET -> "'}' to close the set opened at " + where;
      case OPEN_MAP -> (frame.hasKey ? "a value for key " + describe(frame.key) + " and " : "")
          + "'}' to close the map opened at " + where;
      case TAG -> "a form after the tag #" + frame.tag + " at " + where;
      default -> "a form after #_ at " + where;
    };
  }

  private Object build(Frame frame) {
    return switch (frame.kind) {
      case OPEN_LIST -> EdnList.of(frame.items);
      case OPEN_VECTOR -> FrozenVector.copyOf(frame.items);
      case OPEN_SET -> new FrozenSet(frame.set);
      default -> new FrozenMap(frame.map);
    };
  }

  private void add(Frame frame, Object value, int start) {
    switch (frame.kind) {
      case OPEN_LIST, OPEN_VECTOR -> frame.items.add(value);
      case OPEN_SET -> {
        if (!frame.set.add(value)) {
          throw error(start, EdnErrorCode.DUPLICATE_ELEMENT, "duplicate set element " + describe(value)
              + " in the set opened at " + EdnException.position(text, frame.start) + "; expected each element once");
        }
      }
      default -> {
        if (frame.hasKey) {
          frame.map.put(frame.key, value);
          frame.key = null;
          frame.hasKey = false;
        } else if (frame.map.containsKey(value)) {
          throw error(start, EdnErrorCode.DUPLICATE_KEY, "duplicate map key " + describe(value)
              + " in the map opened at " + EdnException.position(text, frame.start) + "; expected each key once");
        } else {
          frame.key = value;
          frame.hasKey = true;
          frame.keyStart = start;
        }
      }
    }
  }

  private Object applyTag(Frame frame, Object value) {
    try {
      return tags.get(frame.tag).apply(value);
    } catch (EdnException e) {
      throw e;
    } catch (RuntimeException e) {
      String reason = e.getMessage() != null ? e.getMessage() : e.getClass().getName();
      throw error(frame.start, EdnErrorCode.INVALID_TAGGED_VALUE,
          "bad #" + frame.tag + " " + describe(value) + ": " + reason);
    }
  }

  private String knownTags() {
    return tags.keySet().stream().map(s -> "#" + s).sorted().reduce((a, b) -> a + ", " + b).orElse("none");
  }

  private static String describe(Object value) {
    return EdnPrinter.describe(value, SHOWN);
  }

  private EdnException error(int offset, EdnErrorCode code, String detail) {
    return EdnException.at(text, offset, code, detail);
  }
}
