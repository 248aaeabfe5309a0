package org.datolite.query;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.datolite.Datolite;
import org.datolite.DatoliteException;
import org.junit.jupiter.api.Test;

/**
 * A query that needs more memory than the JVM has fails with 53200 and leaves the JVM working:
 * run in a child JVM with a 96 MiB heap, a cross product of inputs with no row limit must end
 * in the error, and a small query afterwards must still answer.
 */
class MemoryLimitTest {
  @Test
  void aQueryTooBigForTheHeapFailsCleanly() throws IOException, InterruptedException {
    String java = System.getProperty("java.home") + "/bin/java";
    Process p = new ProcessBuilder(java, "-Xmx96m", "-cp", System.getProperty("java.class.path"),
        MemoryLimitTest.class.getName()).redirectErrorStream(true).start();
    assertTrue(p.waitFor(120, TimeUnit.SECONDS), "the child JVM did not finish");
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertEquals(0, p.exitValue(), out);
    assertTrue(out.contains("failed 53200"), out);
    assertTrue(out.contains("then 3"), out);
  }

  /** The child: the big query, then a small one. */
  public static void main(String[] args) {
    List<Long> xs = new ArrayList<>();
    for (long i = 0; i < 3000; i++) {
      xs.add(i);
    }
    try {
      Datolite.q(new QueryLimits(null, Integer.MAX_VALUE),
          "[:find (count ?x) . :in [?x ...] [?y ...] [?z ...] :where [(< ?x ?y)] [(< ?y ?z)]]", xs, xs, xs);
      System.out.println("answered");
    } catch (DatoliteException e) {
      System.out.println("failed " + e.sqlState());
    }
    System.out.println("then " + Datolite.q("[:find (count ?x) . :in [?x ...]]", List.of(1L, 2L, 3L)));
  }
}
