package org.datolite.edn;

import java.util.Objects;

/**
 * An EDN symbol such as {@code ?e}, {@code _}, {@code $db}, {@code not=} or {@code clojure.core/+}:
 * an optional namespace and a name. Datalog uses symbols for variables, rule names, sources and
 * function names.
 *
 * <p>Every symbol is readable: {@link #of(String, String)} rejects parts that the reader would
 * not read back as this symbol (see {@code docs/edn.md}), so {@link #toString()}, the EDN form,
 * always reads back to an equal symbol.
 */
public final class Symbol {
  private final String namespace;
  private final String name;

  private Symbol(String namespace, String name) {
    this.namespace = namespace;
    this.name = name;
  }

  /**
   * A symbol from its parts.
   *
   * @param namespace the namespace, or {@code null} for none
   * @param name the name; {@code /} is a name of its own
   * @throws IllegalArgumentException saying why the parts do not form a readable symbol
   */
  public static Symbol of(String namespace, String name) {
    Objects.requireNonNull(name, "symbol name");
    String problem = Tokens.symbolProblem(namespace, name);
    if (problem == null && namespace == null
        && (name.equals("nil") || name.equals("true") || name.equals("false"))) {
      problem = "it reads as " + name + ", not as a symbol";
    }
    if (problem != null) {
      String text = namespace == null ? name : namespace + "/" + name;
      throw new IllegalArgumentException("'" + text + "' is not a symbol: " + problem);
    }
    return new Symbol(namespace, name);
  }

  /**
   * Parses {@code name} or {@code ns/name}; {@code /} alone and {@code ns//} name the symbol
   * {@code /}.
   *
   * @throws IllegalArgumentException if the text is not a symbol
   */
  public static Symbol of(String text) {
    Objects.requireNonNull(text, "symbol text");
    int slash = text.indexOf('/');
    if (slash <= 0 || text.equals("/")) {
      return of(null, text);
    }
    return of(text.substring(0, slash), text.substring(slash + 1));
  }

  /** The namespace, or {@code null} if the symbol has none. */
  public String namespace() {
    return namespace;
  }

  public String name() {
    return name;
  }

  @Override
  public boolean equals(Object o) {
    return this == o
        || (o instanceof Symbol s && name.equals(s.name) && Objects.equals(namespace, s.namespace));
  }

  @Override
  public int hashCode() {
    return 31 * Objects.hashCode(namespace) + name.hashCode() + 0x5359;
  }

  /** The EDN form, e.g. {@code ?e} or {@code clojure.core/+}. */
  @Override
  public String toString() {
    return namespace == null ? name : namespace + "/" + name;
  }
}
