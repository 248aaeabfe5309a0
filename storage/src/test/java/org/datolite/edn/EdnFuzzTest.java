package org.datolite.edn;

import static org.datolite.edn.EdnAssert.normalize;
import static org.datolite.edn.EdnAssert.show;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import org.datolite.value.Keyword;
import org.junit.jupiter.api.Test;

/**
 * Feeds the reader garbage: random bytes, token soups, mutated documents and pathological
 * nesting. Every input must either read (and then print and read back equal) or fail with an
 * {@link EdnException}; nothing else may escape, and no input may take more than a second.
 *
 * <p>The seed is printed with every failure; rerun one with {@code -Dedn.fuzz.seed=<seed>}.
 */
class EdnFuzzTest {
  private static final long SEED = Long.getLong("edn.fuzz.seed", System.nanoTime());
  private static final long BUDGET_NANOS = Duration.ofSeconds(1).toNanos();

  private static final String[] SOUP = {
    "[", "]", "(", ")", "{", "}", "#{", "#_", "#inst", "#uuid", "#uri", "#bytes", "#foo", "#", "##", "##NaN",
    "##Inf", "##-Inf", "\"", "\"abc\"", "\"\\u12\"", "\"\\q\"", "\"1985-04-12T23:20:50.52Z\"",
    "\"123e4567-e89b-12d3-a456-426614174000\"", "\"AQID\"", "\"http://x\"", "\\", "\\a", "\\newline", "\\u",
    "\\u0041", ":", "::", ":a", ":a/b", "/", "a/b/c", "?e", "_", "$", "%", "...", "not=", "nil", "true", "false",
    "1", "-0", "007", "1.5", "1.5M", "7N", "1e", "1e10", ".5", "-.5", "0x1F", "1/2", "9223372036854775808",
    ";comment\n", ",", " ", "\n", "\r", "\t", "😀", "\u0000", "\ud83d", "#:a", "#\"", "#(", "@", "^", "'", "`",
    "~",
  };

  private static final String MUTATION_CHARS = "[](){}#_\"\\;:, \n\t0123456789.eENM-+/@^'`~?$%&=<>*!aZ😀\u0000\ud800";

  private static final List<String> CORPUS = List.of(
      "[[:db/add \"tempid\" :person/name \"Ivan\"] {:db/id [:person/email \"a@b.c\"] :person/age 42}]",
      "[:find ?e (count ?x) :in $ % ?name :where [?e :person/name ?name] [(> ?age 30)] (not [?e :a _])]",
      "{:db/ident :person/born :db/valueType :db.type/instant :db/cardinality :db.cardinality/one\n"
          + " :db/doc \"Birth\\tday \\\"inst\\\"\" :born #inst \"1985-04-12T23:20:50.52Z\"}",
      "#{1 -2 3.5 4M 5N \\a \\newline nil true ##NaN #uuid \"123e4567-e89b-12d3-a456-426614174000\"}",
      "; rules\n[[(ancestor ?a ?b) [?a :parent ?b]]\n [(ancestor ?a ?b) [?a :parent ?x] (ancestor ?x ?b)]]",
      "(#bytes \"AQID\" #uri \"http://example.com/?q=1\" #_ [ignored {:x 1}] :end, \"😀\\u00e9\")");

  private long inputs;

  /**
   * Reads one input: it may fail only with an EdnException and must read within the budget; what
   * it reads must print and read back equal.
   */
  private void feed(String kind, String input) {
    inputs++;
    long start = System.nanoTime();
    List<Object> forms;
    try {
      forms = Edn.readAll(input);
    } catch (EdnException e) {
      assertTrue(e.line() >= 1 && e.column() >= 1, e.getMessage());
      assertTrue(e.getMessage().startsWith("EDN syntax error at line "), e.getMessage());
      forms = List.of();
    } catch (Throwable t) {
      throw new AssertionError("seed " + SEED + ": " + kind + " input " + show(input) + " threw " + t, t);
    }
    long elapsed = System.nanoTime() - start;
    assertTrue(elapsed < BUDGET_NANOS,
        () -> "seed " + SEED + ": " + kind + " input " + show(input) + " took " + elapsed / 1_000_000 + " ms");
    for (Object form : forms) {
      String text = Edn.write(form);
      assertEquals(normalize(form), normalize(Edn.read(text)),
          () -> "seed " + SEED + ": " + kind + " input " + show(input) + " written as " + show(text));
    }
  }

  @Test
  void read_randomBytes_parseOrThrowEdnException() {
    Random random = new Random(SEED);
    for (int i = 0; i < 3000; i++) {
      byte[] bytes = new byte[random.nextInt(120)];
      random.nextBytes(bytes);
      feed("random UTF-8 bytes", new String(bytes, StandardCharsets.UTF_8));
      feed("random Latin-1 bytes", new String(bytes, StandardCharsets.ISO_8859_1));
      char[] chars = new char[bytes.length];
      for (int j = 0; j < chars.length; j++) {
        chars[j] = random.nextInt(4) == 0 ? (char) random.nextInt(0x10000) : (char) (0x20 + random.nextInt(0x5f));
      }
      feed("random chars", new String(chars));
    }
  }

  @Test
  void read_tokenSoup_parseOrThrowEdnException() {
    Random random = new Random(SEED + 1);
    for (int i = 0; i < 5000; i++) {
      StringBuilder sb = new StringBuilder();
      int n = random.nextInt(30);
      for (int j = 0; j < n; j++) {
        sb.append(SOUP[random.nextInt(SOUP.length)]);
        if (random.nextInt(3) > 0) {
          sb.append(' ');
        }
      }
      feed("token soup", sb.toString());
    }
  }

  @Test
  void read_mutatedDocuments_parseOrThrowEdnException() {
    Random random = new Random(SEED + 2);
    List<String> corpus = new ArrayList<>(CORPUS);
    for (int i = 0; i < 40; i++) {
      corpus.add(Edn.write(randomForm(random, 4)));
    }
    for (String document : corpus) {
      feed("corpus", document);
    }
    for (int i = 0; i < 6000; i++) {
      String document = corpus.get(random.nextInt(corpus.size()));
      feed("mutation", mutate(document, random));
    }
  }

  @Test
  void read_pathologicalInputs_failFastWithEdnException() {
    String[] inputs = {
      "[".repeat(100_000),
      "(".repeat(100_000) + ")".repeat(100_000),
      "[".repeat(100_000) + "]".repeat(100_000),
      "{".repeat(100_000),
      "#{".repeat(100_000),
      "{:a ".repeat(100_000),
      "#_".repeat(100_000) + "1",
      "#inst ".repeat(100_000) + "\"1970\"",
      "\\".repeat(100_000),
      "#".repeat(100_000),
      ":".repeat(100_000),
      "\"" + "x".repeat(1_000_000),
      "\"" + "\\".repeat(1_000_001),
      "1".repeat(1_000_000),
      "1".repeat(1_000_000) + "N",
      "0." + "1".repeat(1_000_000) + "M",
      "-".repeat(1_000_000) + "1",
      "a".repeat(1_000_000),
      ".".repeat(1_000_000),
      "a/".repeat(500_000),
      "a ".repeat(500_000) + ")",
      ";".repeat(1_000_000),
      "\n".repeat(1_000_000) + ")",
      "#{" + "#{".repeat(500) + "[" + "1 ".repeat(200_000) + "]" + "}".repeat(500) + "}",
      "#{" + "[".repeat(500) + "]".repeat(500) + " " + "[".repeat(500) + "]".repeat(500) + "}",
      "{" + "[\"a\" ".repeat(500) + "]".repeat(500) + " 1 " + "[\"a\" ".repeat(500) + "]".repeat(500) + " 2}",
      "[" + "{:k 1} ".repeat(20_000) + "]",
      "#{" + "1 ".repeat(100_000) + "1}",
    };
    for (String input : inputs) {
      List<Object> forms = assertTimeoutPreemptively(Duration.ofSeconds(1), () -> {
        try {
          return Edn.readAll(input);
        } catch (EdnException e) {
          return List.of();
        }
      }, () -> "seed " + SEED + ": " + show(input));
      for (Object form : forms) {
        assertEquals(form, Edn.read(Edn.write(form)), () -> show(input));
      }
    }
  }

  @Test
  void feed_coveredEnoughInputs() {
    read_tokenSoup_parseOrThrowEdnException();
    assertTrue(inputs >= 5000, "inputs fed: " + inputs);
  }

  private static String mutate(String document, Random random) {
    StringBuilder sb = new StringBuilder(document);
    int mutations = 1 + random.nextInt(4);
    for (int m = 0; m < mutations; m++) {
      int at = sb.length() == 0 ? 0 : random.nextInt(sb.length());
      switch (random.nextInt(6)) {
        case 0 -> {
          if (sb.length() > 0) {
            sb.deleteCharAt(at);
          }
        }
        case 1 -> sb.insert(at, MUTATION_CHARS.charAt(random.nextInt(MUTATION_CHARS.length())));
        case 2 -> {
          if (sb.length() > 0) {
            sb.setCharAt(at, MUTATION_CHARS.charAt(random.nextInt(MUTATION_CHARS.length())));
          }
        }
        case 3 -> {
          int end = Math.min(sb.length(), at + random.nextInt(12));
          sb.insert(random.nextInt(sb.length() + 1), sb.substring(at, end));
        }
        case 4 -> sb.delete(at, Math.min(sb.length(), at + random.nextInt(12)));
        default -> {
          if (sb.length() > 1) {
            int other = random.nextInt(sb.length());
            char c = sb.charAt(at);
            sb.setCharAt(at, sb.charAt(other));
            sb.setCharAt(other, c);
          }
        }
      }
    }
    return sb.toString();
  }

  /** A random form for the corpus, drawn from the fuzz seed alone so that the seed reproduces it. */
  private static Object randomForm(Random random, int depth) {
    int kind = random.nextInt(depth == 0 ? 12 : 16);
    switch (kind) {
      case 0: return null;
      case 1: return random.nextBoolean();
      case 2: return random.nextLong() >> random.nextInt(64);
      case 3: return random.nextDouble() * 1e6 - 5e5;
      case 4: return new BigInteger(90, random).subtract(BigInteger.TEN.pow(25));
      case 5: return new BigDecimal(new BigInteger(60, random), random.nextInt(20) - 10);
      case 6: return "s" + random.nextInt(1000) + (random.nextBoolean() ? "\"\\\n😀" : "");
      case 7: return (char) ('a' + random.nextInt(26));
      case 8: return Keyword.of(random.nextBoolean() ? null : "ns" + random.nextInt(3), "k" + random.nextInt(100));
      case 9: return Symbol.of(random.nextBoolean() ? "?e" + random.nextInt(5) : "f" + random.nextInt(5));
      case 10: return Instant.ofEpochSecond(random.nextInt(), random.nextInt(1_000_000_000));
      case 11: return new UUID(random.nextLong(), random.nextLong());
      case 12: {
        List<Object> list = new ArrayList<>();
        for (int i = random.nextInt(5); i > 0; i--) {
          list.add(randomForm(random, depth - 1));
        }
        return list;
      }
      case 13: {
        List<Object> list = new ArrayList<>();
        for (int i = random.nextInt(5); i > 0; i--) {
          list.add(randomForm(random, depth - 1));
        }
        return EdnList.of(list);
      }
      case 14: {
        Map<Object, Object> map = new LinkedHashMap<>();
        for (int i = random.nextInt(4); i > 0; i--) {
          map.put(randomForm(random, depth - 1), randomForm(random, depth - 1));
        }
        return map;
      }
      default: {
        Set<Object> set = new LinkedHashSet<>();
        for (int i = random.nextInt(4); i > 0; i--) {
          set.add(randomForm(random, depth - 1));
        }
        return set;
      }
    }
  }
}
