package org.datolite.edn;

/** What is wrong with EDN text; every {@link EdnException} carries one. */
public enum EdnErrorCode {
  /**
   * The input ends inside a form: an unterminated string or collection, a tag or {@code #_}
   * without its form, or no form at all where one is required.
   */
  UNEXPECTED_END,
  /**
   * A delimiter that closes nothing or the wrong collection, or a second form where exactly one
   * is read.
   */
  UNEXPECTED_TOKEN,
  /** Reader syntax of Clojure that EDN lacks: {@code #"regex"}, {@code #:ns{}}, {@code #(…)}. */
  UNSUPPORTED_SYNTAX,
  /** A string with an unknown or incomplete escape. */
  INVALID_STRING,
  /** A character literal that is not a single character, a known name or {@code \}{@code uXXXX}. */
  INVALID_CHARACTER,
  /** A number outside the EDN syntax: {@code 1.2.3}, {@code 007}, {@code 0x1F}, {@code 1/2}. */
  INVALID_NUMBER,
  /** A number token longer than the reader's limit (parsing huge numbers is quadratic). */
  NUMBER_TOO_LONG,
  /** A symbol, keyword or tag name outside the EDN syntax. */
  INVALID_SYMBOL,
  /** A map literal with a key but no value. */
  ODD_MAP,
  /** A map literal with a key twice. */
  DUPLICATE_KEY,
  /** A set literal with an element twice. */
  DUPLICATE_ELEMENT,
  /** A tag with no reader. */
  UNKNOWN_TAG,
  /** A tag reader rejected its value, such as {@code #inst "1985-13-01"}. */
  INVALID_TAGGED_VALUE,
  /** Collections, tags and discards nested deeper than the reader's limit. */
  TOO_DEEP
}
