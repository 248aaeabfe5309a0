package org.datolite.edn;

import static org.datolite.edn.EdnAssert.assertError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Every error the reader reports: its code, line, column and what the message says. */
class EdnReaderErrorTest {

  @Test
  void message_namesPlaceFoundAndExpected() {
    EdnException e = assertThrows(EdnException.class,
        () -> Edn.read("[:find ?e\n :where\n [?e :a ?v] )]"));
    assertEquals("EDN syntax error at line 3, column 13: unexpected ')'; expected ']' to close the vector"
        + " opened at line 1, column 1", e.getMessage());
    assertEquals(3, e.line());
    assertEquals(13, e.column());
    assertEquals(EdnErrorCode.UNEXPECTED_TOKEN, e.code());
  }

  @Test
  void read_emptyInput() {
    EdnException empty = assertThrows(EdnException.class, () -> Edn.read(""));
    assertEquals("EDN syntax error at line 1, column 1: unexpected end of input; expected a form", empty.getMessage());
    EdnException e = assertThrows(EdnException.class, () -> Edn.read("  \n ; nothing"));
    assertEquals(EdnErrorCode.UNEXPECTED_END, e.code());
    assertEquals(2, e.line());
    assertEquals(11, e.column());
    assertThrows(EdnException.class, () -> Edn.read("#_ 1"));
  }

  @Test
  void read_secondForm() {
    EdnException e = assertThrows(EdnException.class, () -> Edn.read("1 [2]"));
    assertEquals(EdnErrorCode.UNEXPECTED_TOKEN, e.code());
    assertEquals(3, e.column());
    assertEquals("unexpected '[' after the first form; expected the end of input (readAll reads several forms)",
        e.detail());
    EdnException close = assertThrows(EdnException.class, () -> Edn.read("[1]\n)"));
    assertEquals(2, close.line());
    assertEquals(1, close.column());
    assertEquals(Long.valueOf(1), Edn.read("1 #_ 2 ; fine"));
  }

  @Test
  void read_unexpectedClosingDelimiter() {
    assertError(")", EdnErrorCode.UNEXPECTED_TOKEN, 1, 1, "unexpected ')'; expected a form");
    assertError("[1 2]\n  }", EdnErrorCode.UNEXPECTED_TOKEN, 2, 3, "unexpected '}'; expected a form");
    assertError("[1 2)", EdnErrorCode.UNEXPECTED_TOKEN, 1, 5,
        "unexpected ')'; expected ']' to close the vector opened at line 1, column 1");
    assertError("(a]", EdnErrorCode.UNEXPECTED_TOKEN, 1, 3, "expected ')' to close the list opened at line 1, column 1");
    assertError("[#{1)]", EdnErrorCode.UNEXPECTED_TOKEN, 1, 5, "expected '}' to close the set opened at line 1, column 2");
    assertError("{:a ]", EdnErrorCode.UNEXPECTED_TOKEN, 1, 5,
        "expected a value for key :a and '}' to close the map opened at line 1, column 1");
    assertError("[#inst ]", EdnErrorCode.UNEXPECTED_TOKEN, 1, 8,
        "unexpected ']'; expected a form after the tag #inst at line 1, column 2");
    assertError("[1 #_]", EdnErrorCode.UNEXPECTED_TOKEN, 1, 6, "expected a form after #_ at line 1, column 4");
  }

  @Test
  void read_unterminatedCollections() {
    assertError("[1 2", EdnErrorCode.UNEXPECTED_END, 1, 5,
        "unexpected end of input; expected ']' to close the vector opened at line 1, column 1");
    assertError("(a\n(b)", EdnErrorCode.UNEXPECTED_END, 2, 4, "expected ')' to close the list opened at line 1, column 1");
    assertError("{:a 1", EdnErrorCode.UNEXPECTED_END, 1, 6, "expected '}' to close the map opened at line 1, column 1");
    assertError("#{", EdnErrorCode.UNEXPECTED_END, 1, 3, "expected '}' to close the set opened at line 1, column 1");
    assertError("#inst", EdnErrorCode.UNEXPECTED_END, 1, 6, "expected a form after the tag #inst at line 1, column 1");
    assertError("1 #_", EdnErrorCode.UNEXPECTED_END, 1, 5, "expected a form after #_ at line 1, column 3");
  }

  @Test
  void read_unterminatedString() {
    assertError("[\"abc", EdnErrorCode.UNEXPECTED_END, 1, 6,
        "unterminated string started at line 1, column 2; expected '\"' before the end of input");
    assertError("\"a\nb\\\"", EdnErrorCode.UNEXPECTED_END, 2, 4, "unterminated string started at line 1, column 1");
    assertError("\"abc\\", EdnErrorCode.UNEXPECTED_END, 1, 6, "unterminated string");
  }

  @Test
  void read_badStringEscapes() {
    assertError("\"ab\\qc\"", EdnErrorCode.INVALID_STRING, 1, 4,
        "unknown escape \"\\q\" in string; expected one of \\t \\r \\n \\\\ \\\" \\b \\f \\uXXXX");
    assertError("\"\\u12G4\"", EdnErrorCode.INVALID_STRING, 1, 2,
        "invalid escape \"\\u12G4\" in string; expected \\u and four hexadecimal digits");
    assertError("\"\\u12", EdnErrorCode.INVALID_STRING, 1, 2, "invalid escape \"\\u12\"");
    assertError("\"\\0\"", EdnErrorCode.INVALID_STRING, 1, 2, "unknown escape \"\\0\"");
  }

  @Test
  void read_badCharacters() {
    assertError("\\", EdnErrorCode.UNEXPECTED_END, 1, 1, "unexpected end of input after '\\'; expected a character");
    assertError("[\\ a]", EdnErrorCode.INVALID_CHARACTER, 1, 2, "'\\' is followed by whitespace");
    assertError("\\foo", EdnErrorCode.INVALID_CHARACTER, 1, 1, "unknown character \\foo; expected a single character");
    assertError("\\u12", EdnErrorCode.INVALID_CHARACTER, 1, 1, "unknown character \\u12");
    assertError("\\Newline", EdnErrorCode.INVALID_CHARACTER, 1, 1, "unknown character \\Newline");
    assertError("\\😀", EdnErrorCode.INVALID_CHARACTER, 1, 1, "outside the Basic Multilingual Plane");
  }

  @Test
  void read_badNumbers() {
    assertError("007", EdnErrorCode.INVALID_NUMBER, 1, 1,
        "invalid number \"007\": leading zeros are not allowed (EDN has no octal); expected 7");
    assertError("[1 -007]", EdnErrorCode.INVALID_NUMBER, 1, 4, "leading zeros", "expected -7");
    assertError("00.5", EdnErrorCode.INVALID_NUMBER, 1, 1, "leading zeros", "expected 0.5");
    assertError("1.2.3", EdnErrorCode.INVALID_NUMBER, 1, 1, "invalid number \"1.2.3\": it has a second '.'");
    assertError("0x1F", EdnErrorCode.INVALID_NUMBER, 1, 1, "hexadecimal numbers are not EDN");
    assertError("1/2", EdnErrorCode.INVALID_NUMBER, 1, 1, "ratios are not EDN");
    assertError("2r101", EdnErrorCode.INVALID_NUMBER, 1, 1, "radix numbers are not EDN");
    assertError("1.5N", EdnErrorCode.INVALID_NUMBER, 1, 1, "the N suffix needs an integer");
    assertError("1e", EdnErrorCode.INVALID_NUMBER, 1, 1, "the exponent has no digits");
    assertError("1e+M", EdnErrorCode.INVALID_NUMBER, 1, 1, "the exponent has no digits");
    assertError(".5", EdnErrorCode.INVALID_NUMBER, 1, 1, "a digit must come before '.'");
    assertError("-.5", EdnErrorCode.INVALID_NUMBER, 1, 1, "a digit must come before '.'");
    assertError("12abc", EdnErrorCode.INVALID_NUMBER, 1, 1, "unexpected 'a'");
    assertError("1NM", EdnErrorCode.INVALID_NUMBER, 1, 1, "unexpected 'M'");
    assertError("1e9999999999M", EdnErrorCode.INVALID_NUMBER, 1, 1, "out of range");
    assertError("##foo", EdnErrorCode.INVALID_NUMBER, 1, 1, "unknown symbolic value ##foo; expected ##Inf, ##-Inf or ##NaN");
    assertError("[##]", EdnErrorCode.INVALID_NUMBER, 1, 2, "unknown symbolic value ##;");
  }

  @Test
  void read_numberLongerThanTheLimit() {
    String digits = "9".repeat(EdnReader.DEFAULT_MAX_NUMBER_LENGTH + 1);
    EdnException e = assertError("[" + digits + "]", EdnErrorCode.NUMBER_TOO_LONG, 1, 2,
        "has 1001 characters; expected at most 1000 (EdnReader.Builder.maxNumberLength)");
    assertEquals(true, e.getMessage().length() < 300, "the number is cut in the message");
    // A million digits fail fast instead of spending seconds in BigInteger.
    assertTimeoutPreemptively(Duration.ofSeconds(1),
        () -> assertThrows(EdnException.class, () -> Edn.read("1".repeat(1_000_000) + "N")));
  }

  @Test
  void read_badSymbolsAndKeywords() {
    assertError("a@b", EdnErrorCode.INVALID_SYMBOL, 1, 1,
        "invalid symbol \"a@b\": character '@' is not allowed; expected name or ns/name made of letters, digits and");
    assertError("a/b/c", EdnErrorCode.INVALID_SYMBOL, 1, 1, "it has more than one '/'");
    assertError("/a", EdnErrorCode.INVALID_SYMBOL, 1, 1, "the namespace before '/' is empty");
    assertError("a/", EdnErrorCode.INVALID_SYMBOL, 1, 1, "the name after '/' is empty");
    assertError("a/1b", EdnErrorCode.INVALID_SYMBOL, 1, 1, "the name starts with a digit");
    assertError("a@b/c", EdnErrorCode.INVALID_SYMBOL, 1, 1, "character '@' is not allowed in the namespace");
    assertError("'quoted", EdnErrorCode.INVALID_SYMBOL, 1, 1, "character ''' is not allowed");
    assertError("a\u00a0b", EdnErrorCode.INVALID_SYMBOL, 1, 1, "character U+00A0 is not allowed");
    assertError("[:]", EdnErrorCode.INVALID_SYMBOL, 1, 2, "invalid keyword \":\": it is empty; expected :name or :ns/name");
    assertError("::x", EdnErrorCode.INVALID_SYMBOL, 1, 1, "auto-resolved keywords (::) are not EDN");
    assertError(":a/", EdnErrorCode.INVALID_SYMBOL, 1, 1, "invalid keyword \":a/\": the name after '/' is empty");
    assertError(":1", EdnErrorCode.INVALID_SYMBOL, 1, 1, "it starts with a digit");
    assertError(":-1", EdnErrorCode.INVALID_SYMBOL, 1, 1, "reads as a number");
    assertError(":a/:b", EdnErrorCode.INVALID_SYMBOL, 1, 1, "the name starts with ':'");
  }

  @Test
  void read_badDispatch() {
    assertError("#", EdnErrorCode.UNEXPECTED_END, 1, 1, "unexpected end of input after '#'");
    assertError("# inst", EdnErrorCode.UNEXPECTED_TOKEN, 1, 1,
        "unexpected U+0020 after '#'; expected '{', '_', '#' or a tag name starting with a letter");
    assertError("#1", EdnErrorCode.UNEXPECTED_TOKEN, 1, 1, "unexpected '1' after '#'");
    assertError("#\"a+\"", EdnErrorCode.UNSUPPORTED_SYNTAX, 1, 1, "regular expressions");
    assertError("#:a{:b 1}", EdnErrorCode.UNSUPPORTED_SYNTAX, 1, 1, "namespaced maps");
    assertError("#(+ % 1)", EdnErrorCode.UNSUPPORTED_SYNTAX, 1, 1, "anonymous functions");
    assertError("#a@b 1", EdnErrorCode.INVALID_SYMBOL, 1, 1, "invalid tag \"#a@b\"");
    assertError("#nil 1", EdnErrorCode.INVALID_SYMBOL, 1, 1, "invalid tag \"#nil\"");
  }

  @Test
  void read_oddMap() {
    assertError("{:a 1\n :b}", EdnErrorCode.ODD_MAP, 2, 4,
        "the map opened at line 1, column 1 has an odd number of forms: key :b at line 2, column 2 has no value");
  }

  @Test
  void read_duplicateMapKey() {
    assertError("{:a 1\n :a 2}", EdnErrorCode.DUPLICATE_KEY, 2, 2,
        "duplicate map key :a in the map opened at line 1, column 1; expected each key once");
    assertError("{[1 {:x #{2}}] 1 [1 {:x #{2}}] 2}", EdnErrorCode.DUPLICATE_KEY, 1, 18,
        "duplicate map key [1 {:x #{2}}]");
    assertError("{\"a\" 1 \"\\u0061\" 2}", EdnErrorCode.DUPLICATE_KEY, 1, 8, "duplicate map key \"a\"");
    assertError("{##NaN 1 ##NaN 2}", EdnErrorCode.DUPLICATE_KEY, 1, 10, "##NaN");
  }

  @Test
  void read_duplicateSetElement() {
    assertError("#{1 2 1}", EdnErrorCode.DUPLICATE_ELEMENT, 1, 7,
        "duplicate set element 1 in the set opened at line 1, column 1; expected each element once");
    assertError("#{(a b) (a b)}", EdnErrorCode.DUPLICATE_ELEMENT, 1, 9, "duplicate set element (a b)");
    assertError("#{#inst \"1970\" #inst \"1970-01-01T00:00:00Z\"}", EdnErrorCode.DUPLICATE_ELEMENT, 1, 16,
        "#inst \"1970-01-01T00:00:00Z\"");
  }

  @Test
  void read_unknownTag() {
    assertError("[1 #foo 2]", EdnErrorCode.UNKNOWN_TAG, 1, 4,
        "unknown tag #foo; expected one of #bytes, #inst, #uri, #uuid (EdnReader.Builder.tag adds more)");
    assertError("#foo/bar 2", EdnErrorCode.UNKNOWN_TAG, 1, 1, "unknown tag #foo/bar");
  }

  @Test
  void read_badTaggedValues() {
    assertError("[#inst \"1985-13-01\"]", EdnErrorCode.INVALID_TAGGED_VALUE, 1, 2,
        "bad #inst \"1985-13-01\": month 13 is out of range; expected 01..12");
    assertError("#inst 1985", EdnErrorCode.INVALID_TAGGED_VALUE, 1, 1, "bad #inst 1985: expected a string, found a number");
    assertError("#inst [\"1985\"]", EdnErrorCode.INVALID_TAGGED_VALUE, 1, 1, "expected a string, found a vector");
    assertError("#uuid \"123e4567-e89b-12d3-a456-42661417400\"", EdnErrorCode.INVALID_TAGGED_VALUE, 1, 1,
        "bad #uuid", "expected 8-4-4-4-12 hexadecimal digits");
    assertError("#uuid \"123e4567e89b-12d3-a456-426614174000-\"", EdnErrorCode.INVALID_TAGGED_VALUE, 1, 1, "8-4-4-4-12");
    assertError("#uuid \"+23e4567-e89b-12d3-a456-426614174000\"", EdnErrorCode.INVALID_TAGGED_VALUE, 1, 1, "8-4-4-4-12");
    assertError("#uri \"a b\"", EdnErrorCode.INVALID_TAGGED_VALUE, 1, 1, "bad #uri \"a b\": Illegal character");
    assertError("#bytes \"not base64!\"", EdnErrorCode.INVALID_TAGGED_VALUE, 1, 1, "bad #bytes", "Base64");
    assertError("#inst #inst \"1970\"", EdnErrorCode.INVALID_TAGGED_VALUE, 1, 1, "found a java.time.Instant");
  }

  @Test
  void read_tooDeep() {
    assertError("[".repeat(513), EdnErrorCode.TOO_DEEP, 1, 513,
        "nesting deeper than 512 at '['; expected at most 512 nested collections, tags and discards");
    assertError("[{:a #{(" + "[".repeat(600), EdnErrorCode.TOO_DEEP, 1, 517, "nesting deeper than 512");
    assertError("#_".repeat(600) + "1", EdnErrorCode.TOO_DEEP, 1, 1025, "at '#_'");
    assertError("#inst ".repeat(600) + "1", EdnErrorCode.TOO_DEEP, 1, 3073, "at '#inst'");
    assertTimeoutPreemptively(Duration.ofSeconds(1), () -> {
      assertError("[".repeat(100_000), EdnErrorCode.TOO_DEEP, 1, 513);
      assertError("(".repeat(100_000) + ")".repeat(100_000), EdnErrorCode.TOO_DEEP, 1, 513);
      assertError("{:a ".repeat(100_000), EdnErrorCode.TOO_DEEP, 1, 2049);
    });
  }

  @Test
  void position_countsCodePointsAndLineEndings() {
    assertError("\"😀\" )", EdnErrorCode.UNEXPECTED_TOKEN, 1, 5);
    assertError("1\r\n2\r\n  )", EdnErrorCode.UNEXPECTED_TOKEN, 3, 3);
    assertError("1\r2\r  )", EdnErrorCode.UNEXPECTED_TOKEN, 3, 3);
    assertError("1\n\n\t)", EdnErrorCode.UNEXPECTED_TOKEN, 3, 2);
    assertError("\"multi\nline\" ; c\n  )", EdnErrorCode.UNEXPECTED_TOKEN, 3, 3);
  }
}
