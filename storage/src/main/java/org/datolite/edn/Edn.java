package org.datolite.edn;

import java.util.List;

/**
 * Reads and writes EDN with the default {@link EdnReader}: the built-in tags {@code #inst},
 * {@code #uuid}, {@code #uri} and {@code #bytes}, nesting up to 512 levels. {@code docs/edn.md}
 * lists the forms and the Java types they become.
 *
 * <pre>{@code
 * Object tx = Edn.read("[[:db/add \"ivan\" :person/name \"Ivan\"]]");
 * String text = Edn.write(tx);   // reads back to an equal form
 * }</pre>
 */
public final class Edn {
  private Edn() {}

  /**
   * Reads exactly one form.
   *
   * @throws EdnException if the text holds no form, a malformed one, or a second form
   */
  public static Object read(String text) {
    return EdnReader.defaults().read(text);
  }

  /**
   * Reads every top-level form, in order.
   *
   * @throws EdnException at the first malformed form
   */
  public static List<Object> readAll(String text) {
    return EdnReader.defaults().readAll(text);
  }

  /**
   * The EDN text of a form; {@code read(write(x))} equals {@code x} (byte arrays by content),
   * except that a {@link Float} reads back as a {@link Double} and an {@link Integer},
   * {@link Short} or {@link Byte} as a {@link Long}: EDN has no such types.
   *
   * @throws IllegalArgumentException naming the part that has no EDN form: an unsupported class,
   *     a keyword whose name is not readable (such as {@code :1}), or nesting deeper than
   *     {@link EdnReader#MAX_DEPTH_LIMIT}
   */
  public static String write(Object form) {
    return EdnPrinter.write(form);
  }

  /**
   * The EDN text of a value for a message, a log line or {@code toString}, by the same printer as
   * {@link #write}: never throws, and prints what has no EDN form (such as a keyword that is not
   * readable, or an object that is not a value) with its {@code toString}.
   */
  public static String describe(Object form) {
    return EdnPrinter.describe(form, Integer.MAX_VALUE);
  }

  /** A builder for a reader with more tags or other limits. */
  public static EdnReader.Builder reader() {
    return EdnReader.builder();
  }
}
