package org.datolite.edn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.HashMap;
import java.util.Map;
import org.datolite.testkit.Seeds;
import org.junit.jupiter.api.Test;

/** The token cache against a HashMap of the tokens' texts, tokens read in place from longer texts. */
class TextCacheTest {
  @Test
  void getAndPut_matchAMapOfTheTokens() {
    Seeds.check(200, random -> {
      int max = 1 + random.nextInt(300);
      TextCache<Integer> cache = new TextCache<>(max);
      Map<String, Integer> model = new HashMap<>();
      String alphabet = random.nextBoolean() ? "ab" : ":/abcé\u4e2d";
      for (int i = 0; i < 2_000; i++) {
        StringBuilder token = new StringBuilder();
        for (int n = random.nextInt(6); n > 0; n--) {
          token.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        String before = "x".repeat(random.nextInt(3));
        String text = before + token + " tail";
        int start = before.length();
        int end = start + token.length();
        Integer cached = cache.get(text, start, end);
        assertEquals(model.get(token.toString()), cached, "token '" + token + "'");
        if (cached == null && model.size() < max) {
          cache.put(text, start, end, i);
          model.put(token.toString(), i);
        }
      }
    });
  }

  @Test
  void aFullCache_keepsNoMore() {
    TextCache<String> cache = new TextCache<>(2);
    cache.put(":a :b :c", 0, 2, "a");
    cache.put(":a :b :c", 3, 5, "b");
    cache.put(":a :b :c", 6, 8, "c");
    assertEquals("a", cache.get(":a", 0, 2));
    assertEquals("b", cache.get(":b", 0, 2));
    assertNull(cache.get(":c", 0, 2));
  }
}
