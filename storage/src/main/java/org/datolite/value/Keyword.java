package org.datolite.value;

import java.util.Objects;

/**
 * An EDN keyword such as {@code :person/name} or {@code :active}: an optional namespace and a
 * name. Keywords are values (attribute idents, enum idents, keyword-typed attribute values).
 *
 * <p>{@link #toString()} is the EDN form, {@link #of(String)} parses it back. Keywords order by
 * namespace (none first), then name, both in Unicode code point order, the same order their
 * UTF-8 encodings have, so that sorted keyword values in a segment stay sorted as bytes.
 */
public final class Keyword implements Comparable<Keyword> {
  private final String namespace;
  private final String name;
  private final int hash;
  /** The EDN form, made at the first {@link #toString()} (a benign race: every thread makes the same text). */
  private String text;

  private Keyword(String namespace, String name) {
    this.namespace = namespace;
    this.name = name;
    this.hash = 31 * Objects.hashCode(namespace) + name.hashCode();
  }

  /**
   * A keyword from its parts.
   *
   * @param namespace the namespace, or {@code null} for none
   * @param name the name, non-empty
   * @throws IllegalArgumentException if the name is empty or a part contains whitespace
   */
  public static Keyword of(String namespace, String name) {
    Objects.requireNonNull(name, "keyword name");
    if (name.isEmpty()) {
      throw new IllegalArgumentException("keyword name is empty; expected at least one character");
    }
    if (namespace != null && namespace.isEmpty()) {
      throw new IllegalArgumentException(
          "keyword namespace is empty in :/" + name + "; expected a namespace or none");
    }
    checkPart(namespace, name);
    checkPart(name, name);
    return new Keyword(namespace, name);
  }

  /**
   * Parses {@code :ns/name}, {@code :name}, or the same without the leading colon.
   *
   * @throws IllegalArgumentException naming the text if it is not a keyword
   */
  public static Keyword of(String text) {
    Objects.requireNonNull(text, "keyword text");
    String s = text.startsWith(":") ? text.substring(1) : text;
    if (s.isEmpty()) {
      throw new IllegalArgumentException("'" + text + "' is not a keyword; expected :name or :ns/name");
    }
    int slash = s.indexOf('/');
    // "/" alone is a legal name (clojure.core//), and a slash inside the name after the first is kept.
    if (slash <= 0 || s.equals("/")) {
      return of(null, s);
    }
    if (slash == s.length() - 1) {
      throw new IllegalArgumentException("'" + text + "' is not a keyword: empty name after '/'");
    }
    return of(s.substring(0, slash), s.substring(slash + 1));
  }

  private static void checkPart(String part, String name) {
    if (part == null) {
      return;
    }
    for (int i = 0; i < part.length(); i++) {
      char c = part.charAt(i);
      if (Character.isWhitespace(c) || c == ',' || Character.isISOControl(c)) {
        throw new IllegalArgumentException(
            "keyword '" + name + "' contains a whitespace, comma or control character at "
                + i + "; expected none");
      }
    }
  }

  /** The namespace, or {@code null} if the keyword has none. */
  public String namespace() {
    return namespace;
  }

  public String name() {
    return name;
  }

  @Override
  public int compareTo(Keyword other) {
    if (this == other) {
      return 0;
    }
    if (namespace == null) {
      if (other.namespace != null) {
        return -1;
      }
    } else if (other.namespace == null) {
      return 1;
    } else {
      int c = Values.compareStrings(namespace, other.namespace);
      if (c != 0) {
        return c;
      }
    }
    return Values.compareStrings(name, other.name);
  }

  @Override
  public boolean equals(Object o) {
    return this == o
        || (o instanceof Keyword k
            && hash == k.hash
            && name.equals(k.name)
            && Objects.equals(namespace, k.namespace));
  }

  @Override
  public int hashCode() {
    return hash;
  }

  /** The EDN form, e.g. {@code :person/name}. */
  @Override
  public String toString() {
    String t = text;
    if (t == null) {
      t = namespace == null ? ":" + name : ":" + namespace + "/" + name;
      text = t;
    }
    return t;
  }
}
