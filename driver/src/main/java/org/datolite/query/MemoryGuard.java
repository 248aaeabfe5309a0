package org.datolite.query;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.util.ArrayList;
import java.util.List;

/**
 * Tells a running query that the heap is nearly exhausted, so that it fails with a clear error
 * (SQLState 53200) before the JVM throws {@link OutOfMemoryError} at some unrelated thread. The
 * signal is the JVM's own: the heap pools that report their usage after garbage collection get a
 * threshold at {@link #THRESHOLD} of their maximum (unless something else already set one), and the
 * guard trips while a pool's live data after the latest collection is above it and the heap is
 * still that full now. Garbage alone never trips it. A relation that outgrows the heap in one
 * step fails its own allocation first: the engine turns that {@link OutOfMemoryError} into the
 * same error.
 */
final class MemoryGuard {
  /** The fraction of a pool's maximum that live data may fill. */
  static final double THRESHOLD = 0.9;
  private static final List<MemoryPoolMXBean> POOLS = watch();

  private MemoryGuard() {}

  private static List<MemoryPoolMXBean> watch() {
    List<MemoryPoolMXBean> pools = new ArrayList<>();
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      long max = pool.getUsage().getMax();
      if (pool.getType() == MemoryType.HEAP && pool.isCollectionUsageThresholdSupported() && max > 0) {
        if (pool.getCollectionUsageThreshold() == 0) {
          pool.setCollectionUsageThreshold((long) (max * THRESHOLD));
        }
        pools.add(pool);
      }
    }
    return pools;
  }

  /** Whether the heap holds so much live data that a query should stop now. */
  static boolean exhausted() {
    for (MemoryPoolMXBean pool : POOLS) {
      if (pool.isCollectionUsageThresholdExceeded()) {
        Runtime rt = Runtime.getRuntime();
        return rt.totalMemory() - rt.freeMemory() > THRESHOLD * rt.maxMemory();
      }
    }
    return false;
  }

  /** How full the heap is now, in percent (for the error message). */
  static long percentUsed() {
    Runtime rt = Runtime.getRuntime();
    return Math.round(100.0 * (rt.totalMemory() - rt.freeMemory()) / rt.maxMemory());
  }
}
