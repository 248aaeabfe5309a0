package org.datolite.storage.codec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** The writers kept per thread between uses. */
class ByteWriterTest {
  @Test
  void perThread_givesEachThreadItsOwnWriter_emptied_andDropsOneGrownPastTheLimit() throws Exception {
    ByteWriter.PerThread writers = new ByteWriter.PerThread(16, 1024);
    ByteWriter first = writers.take();
    first.writeBytes(new byte[] {1, 2, 3});
    writers.release(first);
    ByteWriter again = writers.take();
    assertSame(first, again, "kept between uses");
    assertEquals(0, again.size(), "emptied when taken");
    again.writeBytes(new byte[] {4});
    assertArrayEquals(new byte[] {4}, again.toByteArray());
    writers.release(again);

    ByteWriter other = CompletableFuture.supplyAsync(writers::take).get();
    assertNotSame(first, other, "another thread has its own");

    ByteWriter grown = writers.take();
    grown.writeBytes(new byte[2048]);
    writers.release(grown);
    assertNotSame(grown, writers.take(), "a buffer past the limit is not kept");
  }
}
