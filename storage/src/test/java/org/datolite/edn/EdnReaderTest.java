package org.datolite.edn;

import static org.datolite.edn.EdnAssert.assertError;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.datolite.value.Keyword;
import org.junit.jupiter.api.Test;

class EdnReaderTest {

  private static Keyword kw(String text) {
    return Keyword.of(text);
  }

  private static Symbol sym(String text) {
    return Symbol.of(text);
  }

  @Test
  void read_nilTrueFalse() {
    assertNull(Edn.read("nil"));
    assertEquals(Boolean.TRUE, Edn.read("true"));
    assertEquals(Boolean.FALSE, Edn.read("false"));
    assertEquals(sym("nil?"), Edn.read("nil?"));
    assertEquals(sym("ns/nil"), Edn.read("ns/nil"));
  }

  @Test
  void read_integersAreLongs() {
    assertEquals(42L, Edn.read("42"));
    assertEquals(-7L, Edn.read("-7"));
    assertEquals(5L, Edn.read("+5"));
    assertEquals(0L, Edn.read("0"));
    assertEquals(0L, Edn.read("-0"));
    assertEquals(Long.MAX_VALUE, Edn.read("9223372036854775807"));
    assertEquals(Long.MIN_VALUE, Edn.read("-9223372036854775808"));
    assertEquals(1234567890123456789L, Edn.read("1234567890123456789"));
  }

  @Test
  void read_integerTooBigForLong_isBigInteger() {
    assertEquals(new BigInteger("9223372036854775808"), Edn.read("9223372036854775808"));
    assertEquals(new BigInteger("-9223372036854775809"), Edn.read("-9223372036854775809"));
    assertEquals(BigInteger.TEN.pow(200), Edn.read("1" + "0".repeat(200)));
  }

  @Test
  void read_nSuffix_isBigInteger() {
    assertEquals(BigInteger.valueOf(7), Edn.read("7N"));
    assertEquals(BigInteger.ZERO, Edn.read("0N"));
    assertEquals(BigInteger.valueOf(-3), Edn.read("-3N"));
  }

  @Test
  void read_decimalsAreDoubles() {
    assertEquals(1.5, Edn.read("1.5"));
    assertEquals(1.0, Edn.read("1."));
    assertEquals(0.5, Edn.read("0.5"));
    assertEquals(1e10, Edn.read("1e10"));
    assertEquals(1e10, Edn.read("1E10"));
    assertEquals(1.5e-5, Edn.read("1.5E-5"));
    assertEquals(2e3, Edn.read("2e+3"));
    assertEquals(-0.0, Edn.read("-0.0"));
    assertFalse(Edn.read("-0.0").equals(0.0), "the sign of zero is kept");
    assertEquals(Double.POSITIVE_INFINITY, Edn.read("1e400"));
  }

  @Test
  void read_mSuffix_isBigDecimalWithScale() {
    assertEquals(new BigDecimal("1.5"), Edn.read("1.5M"));
    assertEquals(new BigDecimal("2"), Edn.read("2M"));
    assertEquals(new BigDecimal("2.50"), Edn.read("2.50M"));
    assertEquals(2, ((BigDecimal) Edn.read("2.50M")).scale());
    assertEquals(new BigDecimal("1e3"), Edn.read("1e3M"));
    assertEquals(new BigDecimal("-2E+10"), Edn.read("-2E+10M"));
  }

  @Test
  void read_symbolicValues() {
    assertEquals(Double.NaN, Edn.read("##NaN"));
    assertEquals(Double.POSITIVE_INFINITY, Edn.read("##Inf"));
    assertEquals(Double.NEGATIVE_INFINITY, Edn.read("##-Inf"));
    assertEquals(List.of(Double.NaN, 1L), Edn.read("[##NaN 1]"));
  }

  @Test
  void read_strings() {
    assertEquals("", Edn.read("\"\""));
    assertEquals("Ivan", Edn.read("\"Ivan\""));
    assertEquals("a\tb\rc\nd\\e\"f\bg\fh", Edn.read("\"a\\tb\\rc\\nd\\\\e\\\"f\\bg\\fh\""));
    assertEquals("A\u00e9\uD83D\uDE00", Edn.read("\"\\u0041\\u00E9\\uD83D\\uDE00\""));
    assertEquals("line 1\nline 2", Edn.read("\"line 1\nline 2\""), "raw newlines are kept");
    assertEquals("Ж😀 ; not a comment [", Edn.read("\"Ж😀 ; not a comment [\""));
  }

  @Test
  void read_veryLongString() {
    String body = "x".repeat(2_000_000);
    assertEquals(body, Edn.read("\"" + body + "\""));
    String escaped = "\\n".repeat(500_000);
    assertEquals("\n".repeat(500_000), Edn.read("\"" + escaped + "\""));
  }

  @Test
  void read_characters() {
    assertEquals('a', Edn.read("\\a"));
    assertEquals('\n', Edn.read("\\newline"));
    assertEquals(' ', Edn.read("\\space"));
    assertEquals('\t', Edn.read("\\tab"));
    assertEquals('\r', Edn.read("\\return"));
    assertEquals('\b', Edn.read("\\backspace"));
    assertEquals('\f', Edn.read("\\formfeed"));
    assertEquals('A', Edn.read("\\u0041"));
    assertEquals('\u00e9', Edn.read("\\é"));
    assertEquals('u', Edn.read("\\u"));
    assertEquals(List.of('(', '"', '\\', ',', ';', ']'), Edn.read("[\\( \\\" \\\\ \\, \\; \\]]"));
    assertEquals(List.of('a', 'b', 'c'), Edn.read("[\\a\\b\\c]"));
    assertInstanceOf(Character.class, Edn.read("\\x"));
  }

  @Test
  void read_keywords() {
    assertEquals(Keyword.of(null, "a"), Edn.read(":a"));
    assertEquals(Keyword.of("person", "name"), Edn.read(":person/name"));
    assertEquals(Keyword.of("db.type", "string"), Edn.read(":db.type/string"));
    assertEquals(Keyword.of("a.b", "valid?"), Edn.read(":a.b/valid?"));
    assertEquals(Keyword.of(null, "/"), Edn.read(":/"));
    assertEquals(Keyword.of("ns", "/"), Edn.read(":ns//"));
    assertEquals(Keyword.of(null, "nil"), Edn.read(":nil"));
    assertEquals(Keyword.of("é", "ü-2"), Edn.read(":é/ü-2"));
  }

  @Test
  void read_symbols() {
    for (String s : List.of("?e", "_", "$", "$db", "%", "...", "!=", "not=", "<=", ">", "+", "-", ".", "/",
        "a.b/c", "count", "->", "-a", "+b", "a:b", "a#b", "*x*", "&", "λ", "😀")) {
      Symbol symbol = assertInstanceOf(Symbol.class, Edn.read(s), s);
      assertEquals(s, symbol.toString());
    }
    Symbol qualified = (Symbol) Edn.read("clojure.core/+");
    assertEquals("clojure.core", qualified.namespace());
    assertEquals("+", qualified.name());
    Symbol slash = (Symbol) Edn.read("clojure.core//");
    assertEquals("clojure.core", slash.namespace());
    assertEquals("/", slash.name());
    assertNull(((Symbol) Edn.read("/")).namespace());
  }

  @Test
  void read_vector_isUnmodifiableList() {
    Object form = Edn.read("[1 \"a\" :b nil]");
    List<?> list = assertInstanceOf(List.class, form);
    assertEquals(Arrays.asList(1L, "a", kw(":b"), null), list);
    assertEquals(Arrays.asList(1L, "a", kw(":b"), null).hashCode(), list.hashCode());
    assertThrows(UnsupportedOperationException.class, () -> list.add(null));
    assertThrows(UnsupportedOperationException.class, () -> list.set(0, null));
    assertEquals(List.of(), Edn.read("[]"));
  }

  @Test
  void read_list_isEdnListAndNotAList() {
    Object form = Edn.read("(count ?x)");
    EdnList list = assertInstanceOf(EdnList.class, form);
    assertFalse(form instanceof List, "a list is never a java.util.List");
    assertEquals(sym("count"), list.first());
    assertEquals(2, list.size());
    assertEquals(sym("?x"), list.get(1));
    assertEquals(EdnList.of(sym("count"), sym("?x")), list);
    assertFalse(list.equals(Edn.read("[count ?x]")), "a list never equals a vector");
    assertTrue(((EdnList) Edn.read("()")).isEmpty());
    assertNull(((EdnList) Edn.read("()")).first());
    assertThrows(UnsupportedOperationException.class, () -> list.elements().add(1L));
  }

  @Test
  void read_map_isUnmodifiableAndInsertionOrdered() {
    Object form = Edn.read("{:c 1 :a 2 :b nil nil 3}");
    Map<?, ?> map = assertInstanceOf(Map.class, form);
    assertEquals(List.of(kw(":c"), kw(":a"), kw(":b")), new ArrayList<>(map.keySet()).subList(0, 3));
    assertTrue(map.containsKey(null));
    assertEquals(3L, map.get(null));
    assertNull(map.get(kw(":b")));
    assertTrue(map.containsKey(kw(":b")));
    assertEquals(Map.of(kw(":a"), 2L, kw(":c"), 1L), Edn.read("{:a 2 :c 1}"));
    assertEquals(Map.of(kw(":a"), 2L, kw(":c"), 1L).hashCode(), Edn.read("{:a 2 :c 1}").hashCode());
    assertThrows(UnsupportedOperationException.class, () -> map.put(null, null));
    assertThrows(UnsupportedOperationException.class, () -> map.keySet().clear());
    assertThrows(UnsupportedOperationException.class,
        () -> map.entrySet().iterator().next().setValue(null));
    assertEquals(Map.of(), Edn.read("{}"));
  }

  @Test
  void read_mapKeys_compareWithEquals() {
    Map<?, ?> map = (Map<?, ?>) Edn.read("{[:person/email \"a@b.c\"] 1, {:a 1} 2, #{1 2} 3}");
    assertEquals(1L, map.get(List.of(kw(":person/email"), "a@b.c")));
    assertEquals(2L, map.get(Map.of(kw(":a"), 1L)));
    assertEquals(3L, map.get(Set.of(2L, 1L)));
    // Different types are different keys: a long and a bigint, a vector and a list.
    assertEquals(2, ((Map<?, ?>) Edn.read("{1 :a 1N :b}")).size());
    assertEquals(2, ((Map<?, ?>) Edn.read("{[1] :a (1) :b}")).size());
  }

  @Test
  void read_set_isUnmodifiableAndInsertionOrdered() {
    Set<?> set = assertInstanceOf(Set.class, Edn.read("#{3 1 2 nil}"));
    assertEquals(Arrays.asList(3L, 1L, 2L, null), new ArrayList<>(set));
    assertEquals(Set.of(1L, 2L), Edn.read("#{2 1}"));
    assertEquals(Set.of(1L, 2L).hashCode(), Edn.read("#{2 1}").hashCode());
    assertTrue(set.contains(null));
    assertThrows(UnsupportedOperationException.class, () -> set.add(null));
    assertThrows(UnsupportedOperationException.class, () -> set.iterator().remove());
    assertEquals(Set.of(), Edn.read("#{}"));
  }

  @Test
  void read_inst() {
    assertEquals(Instant.parse("1985-04-12T23:20:50.520Z"), Edn.read("#inst \"1985-04-12T23:20:50.52Z\""));
    assertEquals(Instant.parse("1985-04-12T21:20:50Z"), Edn.read("#inst \"1985-04-12T23:20:50+02:00\""));
    assertEquals(Instant.parse("1985-01-01T00:00:00Z"), Edn.read("#inst \"1985\""));
    assertEquals(Instant.parse("1985-04-12T23:20:00Z"), Edn.read("#inst\"1985-04-12T23:20Z\""));
  }

  @Test
  void read_uuid() {
    UUID expected = UUID.fromString("123e4567-e89b-12d3-a456-426614174000");
    assertEquals(expected, Edn.read("#uuid \"123e4567-e89b-12d3-a456-426614174000\""));
    assertEquals(expected, Edn.read("#uuid \"123E4567-E89B-12D3-A456-426614174000\""));
    assertEquals(new UUID(-1, -1), Edn.read("#uuid \"ffffffff-ffff-ffff-ffff-ffffffffffff\""));
  }

  @Test
  void read_uriAndBytes() {
    assertEquals(URI.create("https://example.com/a?b=c#d"), Edn.read("#uri \"https://example.com/a?b=c#d\""));
    assertArrayEquals(new byte[] {1, 2, 3}, (byte[]) Edn.read("#bytes \"AQID\""));
    assertArrayEquals(new byte[0], (byte[]) Edn.read("#bytes \"\""));
  }

  @Test
  void read_tagsNestInsideCollectionsAndTakeWhitespaceAndComments() {
    assertEquals(List.of(Instant.EPOCH, 1L), Edn.read("[#inst ; the epoch\n \"1970-01-01T00:00:00Z\" 1]"));
    assertEquals(Instant.EPOCH, Edn.read("#inst #_ \"x\" \"1970\""));
  }

  @Test
  void read_discard() {
    assertEquals(List.of(1L, 3L), Edn.read("[1 #_ 2 3]"));
    assertEquals(List.of(1L, 3L), Edn.read("[1 #_[2 [2]] 3]"));
    assertEquals(3L, Edn.read("#_ #_ 1 2 3"));
    assertEquals(List.of(3L), Edn.read("[#_ #_ 1 2 3]"));
    assertEquals(Map.of(kw(":a"), 1L), Edn.read("{:a #_ :b 1}"));
    assertEquals(1L, Edn.read("#_ foo 1 #_ bar"));
    assertEquals(List.of(), Edn.readAll("#_ 1"));
    assertEquals(sym("x"), Edn.read("#_y x"));
  }

  @Test
  void read_commentsCommasAndWhitespace() {
    assertEquals(List.of(1L, 2L, 3L), Edn.read("; leading\n[1,2 ,, 3 ; trailing ]\n\t]\r\n; end"));
    assertEquals(Map.of(kw(":a"), 1L, kw(":b"), 2L), Edn.read("{:a 1, :b 2}"));
    assertEquals(1L, Edn.read("\uFEFF1"), "a byte order mark at the start is skipped");
    assertEquals(1L, Edn.read("\u2003\u20281\u3000"), "Unicode whitespace");
  }

  @Test
  void read_transactionData() {
    Object tx = Edn.read("[[:db/add \"tempid\" :person/name \"Ivan\"]\n"
        + " {:db/id [:person/email \"a@b.c\"] :person/age 42}]");
    assertEquals(List.of(
        List.of(kw(":db/add"), "tempid", kw(":person/name"), "Ivan"),
        Map.of(kw(":db/id"), List.of(kw(":person/email"), "a@b.c"), kw(":person/age"), 42L)), tx);
  }

  @Test
  void read_query() {
    List<?> query = (List<?>) Edn.read("[:find ?e (count ?x) :in $ % ?name"
        + " :where [?e :person/name ?name] [(> ?age 30)] (not [?e :a _])]");
    assertEquals(kw(":find"), query.get(0));
    assertEquals(EdnList.of(sym("count"), sym("?x")), query.get(2));
    assertEquals(List.of(sym("$"), sym("%"), sym("?name")), query.subList(4, 7));
    assertEquals(List.of(EdnList.of(sym(">"), sym("?age"), 30L)), query.get(9));
    EdnList not = (EdnList) query.get(10);
    assertEquals(sym("not"), not.first());
    assertEquals(List.of(sym("?e"), kw(":a"), sym("_")), not.get(1));
  }

  @Test
  void readAll_readsEveryTopLevelForm() {
    assertEquals(Arrays.asList(1L, null, kw(":a"), List.of(), "s"), Edn.readAll("1 nil :a [] \"s\""));
    assertEquals(List.of(), Edn.readAll(""));
    assertEquals(List.of(), Edn.readAll("  ; only a comment\n ,,"));
    assertEquals(List.of(sym("a"), sym("b")), Edn.readAll("a;\nb"));
    assertEquals(List.of(List.of(1L), List.of(2L)), Edn.readAll("[1][2]"));
    assertEquals(List.of(sym("foo"), "bar"), Edn.readAll("foo\"bar\""));
  }

  @Test
  void read_customTag() {
    EdnReader reader = Edn.reader()
        .tag("myapp/point", v -> {
          List<?> xy = (List<?>) v;
          return new long[] {(Long) xy.get(0), (Long) xy.get(1)};
        })
        .tag("inst", v -> "overridden " + v)
        .build();
    assertArrayEquals(new long[] {1, 2}, (long[]) reader.read("#myapp/point [1 2]"));
    assertEquals("overridden 1985", reader.read("#inst \"1985\""));
    assertTrue(reader.tags().contains(sym("myapp/point")));
    assertError(reader, "[#myapp/point :x]", EdnErrorCode.INVALID_TAGGED_VALUE, 1, 2,
        "bad #myapp/point :x: ", "cannot be cast");
    assertError("#myapp/point [1 2]", EdnErrorCode.UNKNOWN_TAG, 1, 1, "unknown tag #myapp/point");
  }

  @Test
  void builder_rejectsBadLimitsAndTags() {
    assertThrows(IllegalArgumentException.class, () -> Edn.reader().maxDepth(0));
    IllegalArgumentException tooDeep = assertThrows(IllegalArgumentException.class,
        () -> Edn.reader().maxDepth(EdnReader.MAX_DEPTH_LIMIT + 1));
    assertTrue(tooDeep.getMessage().contains("expected 1 to " + EdnReader.MAX_DEPTH_LIMIT), tooDeep.getMessage());
    assertThrows(IllegalArgumentException.class, () -> Edn.reader().maxNumberLength(19));
    assertThrows(IllegalArgumentException.class, () -> Edn.reader().tag("_x", v -> v));
    assertThrows(IllegalArgumentException.class, () -> Edn.reader().tag("1x", v -> v));
    assertEquals(EdnReader.DEFAULT_MAX_DEPTH, EdnReader.defaults().maxDepth());
    assertEquals(EdnReader.DEFAULT_MAX_NUMBER_LENGTH, EdnReader.defaults().maxNumberLength());
  }

  @Test
  void read_atTheDepthLimit() {
    EdnReader shallow = Edn.reader().maxDepth(3).build();
    assertEquals(List.of(List.of(List.of(1L))), shallow.read("[[[1]]]"));
    assertError(shallow, "[[[[1]]]]", EdnErrorCode.TOO_DEEP, 1, 4, "nesting deeper than 3 at '['");
    String deepest = "[".repeat(512) + "]".repeat(512);
    assertInstanceOf(List.class, Edn.read(deepest));
    Object deep = Edn.reader().maxDepth(EdnReader.MAX_DEPTH_LIMIT).build()
        .read("#{".repeat(EdnReader.MAX_DEPTH_LIMIT) + "}".repeat(EdnReader.MAX_DEPTH_LIMIT));
    assertEquals("#{".repeat(EdnReader.MAX_DEPTH_LIMIT) + "}".repeat(EdnReader.MAX_DEPTH_LIMIT), Edn.write(deep));
  }

  @Test
  void read_numberLengthLimit() {
    String longest = "1".repeat(EdnReader.DEFAULT_MAX_NUMBER_LENGTH);
    assertEquals(new BigInteger(longest), Edn.read(longest));
    assertEquals(new BigInteger(longest + "1"),
        Edn.reader().maxNumberLength(5000).build().read(longest + "1"));
  }
}
