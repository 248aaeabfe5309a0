package org.datolite.bench;

import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.datolite.datom.Datom;
import org.datolite.datom.Index;
import org.datolite.storage.codec.SegmentCodec;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Segment encode and decode throughput in datoms per second, on segments of 4096 datoms cut from
 * the sample dataset (people, products, orders) sorted by each index. Decoding includes the
 * CRC32C check, LZ4 decompression and building the datom objects.
 *
 * <p>Run: {@code java -jar bench/target/benchmarks.jar SegmentCodecBenchmark}
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g", "-XX:+AlwaysPreTouch"})
public class SegmentCodecBenchmark {
  static final int SEGMENT = 4096;

  @Param({"EAVT", "AEVT", "AVET", "VAET"})
  public Index index;

  private Datom[] datoms;
  private byte[][] encoded;
  private int next;

  @Setup
  public void setUp() {
    List<Datom> current = SampleIndexes.currentDatoms(300_000, 42);
    Map<Index, Datom[]> sorted = SampleIndexes.sorted(current);
    datoms = sorted.get(index);
    int segments = datoms.length / SEGMENT;
    encoded = new byte[segments][];
    for (int i = 0; i < segments; i++) {
      encoded[i] = SegmentCodec.encode(index, datoms, i * SEGMENT, (i + 1) * SEGMENT);
    }
  }

  private int nextSegment() {
    int i = next;
    next = (next + 1) % encoded.length;
    return i;
  }

  @Benchmark
  @OperationsPerInvocation(SEGMENT)
  public byte[] encode() {
    int i = nextSegment();
    return SegmentCodec.encode(index, datoms, i * SEGMENT, (i + 1) * SEGMENT);
  }

  @Benchmark
  @OperationsPerInvocation(SEGMENT)
  public SegmentCodec.Decoded decode() {
    return SegmentCodec.decode(encoded[nextSegment()], "bench");
  }
}
