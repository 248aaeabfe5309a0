package org.datolite.edn;

import static org.datolite.edn.EdnAssert.assertRoundTrips;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.UUID;
import org.datolite.value.Keyword;
import org.junit.jupiter.api.Test;

class EdnPrinterTest {

  @Test
  void write_scalars() {
    assertEquals("nil", Edn.write(null));
    assertEquals("true", Edn.write(true));
    assertEquals("false", Edn.write(false));
    assertEquals("42", Edn.write(42L));
    assertEquals("-9223372036854775808", Edn.write(Long.MIN_VALUE));
    assertEquals("42N", Edn.write(BigInteger.valueOf(42)));
    assertEquals("2.50M", Edn.write(new BigDecimal("2.50")));
    assertEquals("2E+10M", Edn.write(new BigDecimal("2E+10")));
    assertEquals("5", Edn.write(5));
    assertEquals("5", Edn.write((short) 5));
    assertEquals("5", Edn.write((byte) 5));
  }

  @Test
  void write_doublesAlwaysReadBackAsDoubles() {
    assertEquals("1.5", Edn.write(1.5));
    assertEquals("1.0", Edn.write(1.0));
    assertEquals("1.0E10", Edn.write(1e10));
    assertEquals("-0.0", Edn.write(-0.0));
    assertEquals("4.9E-324", Edn.write(Double.MIN_VALUE));
    assertEquals("##NaN", Edn.write(Double.NaN));
    assertEquals("##Inf", Edn.write(Double.POSITIVE_INFINITY));
    assertEquals("##-Inf", Edn.write(Double.NEGATIVE_INFINITY));
    for (double d : new double[] {1.0, 1e10, -0.0, 1e-300, Double.MAX_VALUE, Double.NaN, 123456789.0}) {
      assertEquals(d, Edn.read(Edn.write(d)));
    }
  }

  @Test
  void write_floatIsADecimalThatReadsBackAsDouble() {
    assertEquals("1.5", Edn.write(1.5f));
    assertEquals("0.1", Edn.write(0.1f));
    assertEquals(0.1, Edn.read(Edn.write(0.1f)), "the float's shortest decimal, as a double");
    assertEquals("##NaN", Edn.write(Float.NaN));
    assertEquals("##-Inf", Edn.write(Float.NEGATIVE_INFINITY));
  }

  @Test
  void write_stringsAreEscaped() {
    assertEquals("\"\"", Edn.write(""));
    assertEquals("\"say \\\"hi\\\" \\\\ \\n\\r\\t\\b\\f\"", Edn.write("say \"hi\" \\ \n\r\t\b\f"));
    assertEquals("\"\\u0000\\u001f\\u007f\"", Edn.write("\u0000\u001f\u007f"));
    assertEquals("\"é😀\"", Edn.write("é😀"));
    assertEquals("\"\\ud83d x \\ude00\"", Edn.write("\ud83d x \ude00"), "unpaired surrogates are escaped");
    assertRoundTrips("\ud83d x \ude00");
  }

  @Test
  void write_characters() {
    assertEquals("\\a", Edn.write('a'));
    assertEquals("\\newline", Edn.write('\n'));
    assertEquals("\\space", Edn.write(' '));
    assertEquals("\\tab", Edn.write('\t'));
    assertEquals("\\return", Edn.write('\r'));
    assertEquals("\\backspace", Edn.write('\b'));
    assertEquals("\\formfeed", Edn.write('\f'));
    assertEquals("\\(", Edn.write('('));
    assertEquals("\\u0000", Edn.write('\u0000'));
    assertEquals("\\u00a0", Edn.write('\u00a0'));
    assertEquals("\\ud83d", Edn.write('\ud83d'));
    assertEquals("[\\a \\b \\\\ \\\" \\, \\;]", Edn.write(List.of('a', 'b', '\\', '"', ',', ';')));
    for (char c : new char[] {'a', '(', ')', '"', '\\', ',', ';', 'u', 'n', '\u00a0', '\u2028', '\ud83d', '#', ':'}) {
      assertEquals(c, Edn.read(Edn.write(c)), "char " + (int) c);
      assertEquals(List.of(c, c), Edn.read(Edn.write(List.of(c, c))), "char " + (int) c);
    }
  }

  @Test
  void write_keywordsAndSymbols() {
    assertEquals(":person/name", Edn.write(Keyword.of("person/name")));
    assertEquals(":a", Edn.write(Keyword.of("a")));
    assertEquals(":ns//", Edn.write(Keyword.of("ns", "/")));
    assertEquals("?e", Edn.write(Symbol.of("?e")));
    assertEquals("clojure.core//", Edn.write(Symbol.of("clojure.core", "/")));
    assertRoundTrips(Keyword.of("ns", "/"));
    assertRoundTrips(Symbol.of("clojure.core", "/"));
  }

  @Test
  void write_unreadableKeyword_isRejected() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Edn.write(Keyword.of(null, "1")));
    assertEquals("keyword :1 has no EDN form: it starts with a digit", e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> Edn.write(List.of(Keyword.of(null, "a[b"))));
    assertThrows(IllegalArgumentException.class, () -> Edn.write(Keyword.of("a", "b/c")));
  }

  @Test
  void write_collections() {
    assertEquals("[1 \"a\" nil]", Edn.write(Arrays.asList(1L, "a", null)));
    assertEquals("[]", Edn.write(List.of()));
    assertEquals("(count ?x)", Edn.write(EdnList.of(Symbol.of("count"), Symbol.of("?x"))));
    assertEquals("()", Edn.write(EdnList.of()));
    Map<Object, Object> map = new LinkedHashMap<>();
    map.put(Keyword.of("b"), 1L);
    map.put(Keyword.of("a"), List.of(2L));
    map.put(null, null);
    assertEquals("{:b 1, :a [2], nil nil}", Edn.write(map));
    assertEquals("{}", Edn.write(Map.of()));
    assertEquals("#{1 2 3}", Edn.write(new TreeSet<>(List.of(3L, 1L, 2L))));
    assertEquals("#{}", Edn.write(new LinkedHashSet<>()));
    assertEquals("[[(a [b]) #{{:c #{}}}]]",
        Edn.write(List.of(List.of(EdnList.of(Symbol.of("a"), List.of(Symbol.of("b"))),
            new LinkedHashSet<>(List.of(Map.of(Keyword.of("c"), new LinkedHashSet<>())))))));
  }

  @Test
  void write_taggedValues() {
    assertEquals("#inst \"1985-04-12T23:20:50.520Z\"", Edn.write(Instant.parse("1985-04-12T23:20:50.52Z")));
    assertEquals("#inst \"+1000000000-12-31T23:59:59.999999999Z\"", Edn.write(Instant.MAX));
    assertEquals("#uuid \"123e4567-e89b-12d3-a456-426614174000\"",
        Edn.write(UUID.fromString("123E4567-E89B-12D3-A456-426614174000")));
    assertEquals("#uri \"https://example.com/a?b=c#d\"", Edn.write(URI.create("https://example.com/a?b=c#d")));
    assertEquals("#bytes \"AQID\"", Edn.write(new byte[] {1, 2, 3}));
    assertRoundTrips(Instant.MIN);
    assertRoundTrips(new byte[] {-1, 0, 1});
  }

  @Test
  void write_unsupportedClass_isRejected() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Edn.write(List.of(new Object())));
    assertTrue(e.getMessage().startsWith("a java.lang.Object has no EDN form; expected nil, a boolean"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> Edn.write(new int[] {1}));
  }

  @Test
  void write_selfContainingCollection_isRejected() {
    List<Object> loop = new ArrayList<>();
    loop.add(loop);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Edn.write(loop));
    assertTrue(e.getMessage().contains("form nests deeper than " + EdnReader.MAX_DEPTH_LIMIT), e.getMessage());
  }

  @Test
  void toString_isTheLenientEdnForm() {
    assertEquals("(f :a \"s\" [1])", EdnList.of(Symbol.of("f"), Keyword.of("a"), "s", List.of(1L)).toString());
    Object odd = new Object() {
      @Override
      public String toString() {
        return "odd";
      }
    };
    assertEquals("(odd)", EdnList.of(odd).toString());
  }

  /** Moved from ValuesTest when Values.toEdn went; a float printed as {@code 1.5f} there, which is not EDN. */
  @Test
  void describe_printsEveryValueType() {
    assertEquals("\"a\\\"b\\n\"", Edn.describe("a\"b\n"));
    assertEquals("7N", Edn.describe(BigInteger.valueOf(7)));
    assertEquals("2.50M", Edn.describe(new BigDecimal("2.50")));
    assertEquals("1.5", Edn.describe(1.5f));
    assertEquals("#inst \"1970-01-01T00:00:00Z\"", Edn.describe(Instant.EPOCH));
    assertEquals(":person/name", Edn.describe(Keyword.of(":person/name")));
    assertEquals("#bytes \"AQI=\"", Edn.describe(new byte[] {1, 2}));
    assertEquals("[1 nil \"x\"]", Edn.describe(Arrays.asList(1L, null, "x")));
  }

  @Test
  void describe_cutsLongForms() {
    String described = EdnPrinter.describe(List.of("x".repeat(1000), 1L), 20);
    assertEquals("[\"" + "x".repeat(18) + "…", described);
  }
}
