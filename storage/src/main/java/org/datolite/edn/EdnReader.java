package org.datolite.edn;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;

/**
 * Reads EDN text (transaction data, Datalog queries and rules) into Datolite's Java values.
 *
 * <h2>Design</h2>
 * A hand-written reader rather than a library, for two reasons: every error carries the exact
 * line and column and says what was found and what was expected, and values map straight onto
 * Datolite's types ({@link org.datolite.value.Keyword}, {@link java.time.Instant}, {@code byte[]}
 * …) with no conversion pass. The grammar is the one of <a href="https://github.com/edn-format/edn">
 * the EDN specification</a>, read the way Clojure's {@code clojure.edn} and Datomic read it where
 * the specification is silent (partial {@code #inst} timestamps, {@code ##Inf}, {@code 1.} as a
 * double); {@code docs/edn.md} lists the forms and the Java type each becomes.
 *
 * <p>Three layers, each one forward pass:
 * <ol>
 *   <li>{@link Lexer} splits the text into tokens and reads atoms (strings, characters,
 *       {@code ##} values) itself;
 *   <li>{@link Tokens} turns a bare token into a number, {@code nil}/{@code true}/{@code false},
 *       a keyword or a {@link Symbol};
 *   <li>{@link Parser} assembles collections, applies tags and drops {@code #_} forms.
 * </ol>
 *
 * <p><b>Hostile input.</b> The reader is meant to take text from the network:
 * <ul>
 *   <li>No recursion: the parser keeps open collections, tags and discards on an explicit stack,
 *       limited to {@link Builder#maxDepth} frames (512 by default), so deep nesting ends in an
 *       {@link EdnException}, never a {@link StackOverflowError}. The limit also bounds the
 *       recursion of {@code equals}, of the duplicate checks and of the printer on what was read,
 *       which is why it cannot be raised above {@link #MAX_DEPTH_LIMIT}: 1,024 levels of those
 *       fit a 512 KB thread stack (the JVM's default is 1 MB), 2,048 do not.
 *   <li>Linear time: there is no backtracking and no regular expression; a token's line and
 *       column are computed only when an error is thrown. Vectors, sets and maps compute their
 *       hash code once when built ({@link FrozenVector}), so the duplicate checks of sets and maps
 *       cost the direct elements of each collection, not its whole subtree again at every level.
 *       Number tokens are limited to {@link Builder#maxNumberLength} characters (1,000 by
 *       default), because {@link java.math.BigInteger} and {@link java.math.BigDecimal} parse
 *       decimal text in quadratic time (a million digits take seconds).
 *   <li>Strings and symbols have no length limit beyond memory.
 * </ul>
 *
 * <p>An {@code EdnReader} is immutable and thread-safe; build it once with {@link #builder()}.
 */
public final class EdnReader {
  /** The default limit on nesting. */
  public static final int DEFAULT_MAX_DEPTH = 512;

  /** The largest nesting limit a reader accepts; the printer accepts the same depth. */
  public static final int MAX_DEPTH_LIMIT = 1024;

  /** The default limit on the characters of one number. */
  public static final int DEFAULT_MAX_NUMBER_LENGTH = 1000;

  private static final EdnReader DEFAULTS = builder().build();

  private final Map<Symbol, Function<Object, Object>> tags;
  private final int maxDepth;
  private final int maxNumberLength;

  private EdnReader(Builder builder) {
    this.tags = Collections.unmodifiableMap(new LinkedHashMap<>(builder.tags));
    this.maxDepth = builder.maxDepth;
    this.maxNumberLength = builder.maxNumberLength;
  }

  /** The reader with the built-in tags and the default limits. */
  public static EdnReader defaults() {
    return DEFAULTS;
  }

  /** A builder that starts from the built-in tags and the default limits. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Reads exactly one form; whitespace, comments and {@code #_} forms may surround it.
   *
   * @return the form; {@code null} for {@code nil}
   * @throws EdnException if the text is not one well-formed form
   */
  public Object read(String text) {
    Objects.requireNonNull(text, "text");
    Parser parser = new Parser(text, tags, maxDepth, maxNumberLength);
    Object form = parser.next(false);
    if (form == Parser.END) {
      throw EdnException.at(text, text.length(), EdnErrorCode.UNEXPECTED_END,
          "unexpected end of input; expected a form");
    }
    parser.next(true);
    return form;
  }

  /**
   * Reads every top-level form.
   *
   * @return the forms in order, unmodifiable; empty for blank text
   * @throws EdnException at the first malformed form
   */
  public List<Object> readAll(String text) {
    Objects.requireNonNull(text, "text");
    Parser parser = new Parser(text, tags, maxDepth, maxNumberLength);
    List<Object> forms = new ArrayList<>();
    for (Object form = parser.next(false); form != Parser.END; form = parser.next(false)) {
      forms.add(form);
    }
    return FrozenVector.copyOf(forms);
  }

  /** The tags this reader knows, without '#'. */
  public Set<Symbol> tags() {
    return tags.keySet();
  }

  public int maxDepth() {
    return maxDepth;
  }

  public int maxNumberLength() {
    return maxNumberLength;
  }

  /** Configures an {@link EdnReader}; not thread-safe, used once. */
  public static final class Builder {
    private final Map<Symbol, Function<Object, Object>> tags = Tags.builtIns();
    private int maxDepth = DEFAULT_MAX_DEPTH;
    private int maxNumberLength = DEFAULT_MAX_NUMBER_LENGTH;

    private Builder() {}

    /**
     * Adds (or replaces) the reader of a tag. The function gets the form after the tag; what it
     * throws becomes an {@link EdnException} at the tag that quotes the form and the exception's
     * message.
     *
     * @param name the tag without '#', e.g. {@code "myapp/point"}
     */
    public Builder tag(String name, Function<Object, Object> reader) {
      return tag(Symbol.of(name), reader);
    }

    /** Adds (or replaces) the reader of a tag. */
    public Builder tag(Symbol name, Function<Object, Object> reader) {
      Objects.requireNonNull(name, "tag");
      Objects.requireNonNull(reader, "tag reader");
      if (!Character.isLetter(name.toString().codePointAt(0))) {
        throw new IllegalArgumentException("tag #" + name + " does not start with a letter; expected a tag such as #myapp/point");
      }
      tags.put(name, reader);
      return this;
    }

    /** Limits nested collections, tags and {@code #_} discards; 1 to {@link #MAX_DEPTH_LIMIT}. */
    public Builder maxDepth(int maxDepth) {
      if (maxDepth < 1 || maxDepth > MAX_DEPTH_LIMIT) {
        throw new IllegalArgumentException(
            "maxDepth is " + maxDepth + "; expected 1 to " + MAX_DEPTH_LIMIT);
      }
      this.maxDepth = maxDepth;
      return this;
    }

    /** Limits the characters of one number token, suffix and sign included; at least 20. */
    public Builder maxNumberLength(int maxNumberLength) {
      if (maxNumberLength < 20) {
        throw new IllegalArgumentException(
            "maxNumberLength is " + maxNumberLength + "; expected at least 20 (a long has up to 20 characters)");
      }
      this.maxNumberLength = maxNumberLength;
      return this;
    }

    public EdnReader build() {
      return new EdnReader(this);
    }
  }
}
