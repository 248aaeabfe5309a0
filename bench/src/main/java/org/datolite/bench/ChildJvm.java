package org.datolite.bench;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** Runs a benchmark's child JVM to its end and returns the line it reports its figures on. */
final class ChildJvm {
  private ChildJvm() {}

  /**
   * Runs {@code command} and returns the fields of the last output line that starts with {@code
   * marker} (the marker first); fails with the child's whole output if it exits non-zero or never
   * prints one.
   */
  static String[] report(List<String> command, String marker) throws Exception {
    Process child = new ProcessBuilder(command).redirectErrorStream(true).start();
    String[] result = null;
    StringBuilder out = new StringBuilder();
    try (BufferedReader in = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
      for (String line = in.readLine(); line != null; line = in.readLine()) {
        out.append(line).append('\n');
        if (line.startsWith(marker)) {
          result = line.split(" ");
        }
      }
    }
    int exit = child.waitFor();
    if (exit != 0 || result == null) {
      // the arguments after the class path name the child: its class and what it was asked
      String name = String.join(" ", command.subList(command.indexOf("-cp") + 2, command.size()));
      throw new IllegalStateException("child JVM " + name + " failed (exit " + exit + "):\n" + out);
    }
    return result;
  }
}
