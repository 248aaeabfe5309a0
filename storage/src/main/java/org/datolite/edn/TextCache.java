package org.datolite.edn;

/**
 * Values already read from a text, by the text of their token, looked up without cutting the
 * token out of the text: transaction data names a few attributes and tags many times over (a
 * bulk load's rows), and a map of strings made a substring and hashed it for every occurrence.
 */
final class TextCache<V> {
  private final int maxSize;
  private String[] texts = new String[64];
  private Object[] values = new Object[64];
  private int size;

  /** @param maxSize the most values kept (later ones are read each time) */
  TextCache(int maxSize) {
    this.maxSize = maxSize;
  }

  private static int hash(String text, int start, int end) {
    int h = 0;
    for (int i = start; i < end; i++) {
      h = 31 * h + text.charAt(i);
    }
    return h ^ (h >>> 16);
  }

  /** The value kept for {@code text[start, end)}, or null. */
  @SuppressWarnings("unchecked")
  V get(String text, int start, int end) {
    int n = end - start;
    int mask = texts.length - 1;
    for (int i = hash(text, start, end) & mask;; i = (i + 1) & mask) {
      String t = texts[i];
      if (t == null) {
        return null;
      }
      if (t.length() == n && text.regionMatches(start, t, 0, n)) {
        return (V) values[i];
      }
    }
  }

  /** Keeps {@code value} for {@code text[start, end)} (absent so far), unless the cache is full. */
  void put(String text, int start, int end, V value) {
    if (size >= maxSize) {
      return;
    }
    if (2 * (size + 1) > texts.length) {
      String[] oldTexts = texts;
      Object[] oldValues = values;
      texts = new String[oldTexts.length * 2];
      values = new Object[oldTexts.length * 2];
      for (int j = 0; j < oldTexts.length; j++) {
        if (oldTexts[j] != null) {
          insert(oldTexts[j], oldValues[j]);
        }
      }
    }
    insert(text.substring(start, end), value);
    size++;
  }

  private void insert(String t, Object value) {
    int mask = texts.length - 1;
    int i = hash(t, 0, t.length()) & mask;
    while (texts[i] != null) {
      i = (i + 1) & mask;
    }
    texts[i] = t;
    values[i] = value;
  }
}
