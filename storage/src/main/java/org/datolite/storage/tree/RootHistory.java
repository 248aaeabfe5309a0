package org.datolite.storage.tree;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.datolite.storage.kv.KeyValueStore;

/**
 * The roots a database has had, kept so that garbage collection knows which trees a reader may
 * still hold: before an index job installs a root, it records it under {@code PREFIX +
 * "roots/" + millis + "-" + basisT} (the time zero-padded, so keys sort by it), an immutable key
 * holding the root's bytes. A root is in use from its record's time until the next record's: a
 * reader that took it then may read it until then. A record whose root was never installed (the
 * swap failed) costs only its nodes' life until the next collection after the cutoff passes it.
 */
public final class RootHistory {
  private RootHistory() {}

  /** One recorded root: when it was recorded, its basis, its key and its bytes. */
  public record Entry(long recordedAtMillis, long basisT, String key) {}

  /** The prefix of the records of a database. */
  static String prefix(String keyPrefix) {
    return keyPrefix + "roots/";
  }

  /** Records a root about to be installed (before the swap). */
  public static void record(KeyValueStore kv, String keyPrefix, IndexRoots roots) {
    long now = System.currentTimeMillis();
    String millis = Long.toString(now);
    String key = prefix(keyPrefix) + "0000000000000".substring(Math.min(13, millis.length())) + millis + "-"
        + roots.basisT();
    kv.putIfAbsent(key, roots.encode());
  }

  /** The records of a database, oldest first. */
  public static List<Entry> list(KeyValueStore kv, String keyPrefix) {
    String p = prefix(keyPrefix);
    List<Entry> out = new ArrayList<>();
    for (String key : kv.keys(p)) {
      String rest = key.substring(p.length());
      int dash = rest.indexOf('-');
      if (dash <= 0) {
        continue; // not a record of this format
      }
      try {
        out.add(new Entry(Long.parseLong(rest.substring(0, dash)), Long.parseLong(rest.substring(dash + 1)), key));
      } catch (NumberFormatException e) {
        // not a record of this format
      }
    }
    Collections.sort(out, (a, b) -> a.recordedAtMillis != b.recordedAtMillis
        ? Long.compare(a.recordedAtMillis, b.recordedAtMillis) : Long.compare(a.basisT, b.basisT));
    return out;
  }
}
