package org.doflamingo.collect;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import org.doflamingo.engine.SeriesKey;
import org.doflamingo.engine.SeriesKind;

/**
 * What one scrape cost Doflamingo, kept as its own series labelled {@code target}: wall time, CPU
 * time and heap allocated by the collecting thread (the worker the scrape ran on; readers and the
 * Kafka client's network thread work on their own), the calls the collector made to the target and
 * the series written. Measured around the collector's scrape, on the worker that runs it.
 */
final class CollectionCost {
  static final String WALL = "doflamingo.collect.wall_ms";
  static final String CPU = "doflamingo.collect.cpu_ms";
  static final String ALLOCATED = "doflamingo.collect.allocated_bytes";
  static final String CALLS = "doflamingo.collect.calls";
  static final String SERIES = "doflamingo.collect.series";

  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
  /** HotSpot's allocation counter, where the JVM has one. */
  private static final com.sun.management.ThreadMXBean ALLOCATIONS =
      THREADS instanceof com.sun.management.ThreadMXBean && ((com.sun.management.ThreadMXBean) THREADS).isThreadAllocatedMemorySupported()
          ? (com.sun.management.ThreadMXBean) THREADS : null;
  private static final boolean CPU_TIME = THREADS.isCurrentThreadCpuTimeSupported();

  private final long wallStartNanos;
  private final long cpuStartNanos;
  private final long allocatedStart;

  /** Starts measuring on the current thread. */
  CollectionCost() {
    wallStartNanos = System.nanoTime();
    cpuStartNanos = CPU_TIME ? THREADS.getCurrentThreadCpuTime() : -1;
    allocatedStart = ALLOCATIONS != null ? ALLOCATIONS.getThreadAllocatedBytes(Thread.currentThread().getId()) : -1;
  }

  /**
   * Adds the cost so far to {@code out}, on the thread that started it.
   * @param calls the collector's count, -1 when it keeps none (then not written)
   * @param series the series the scrape wrote
   */
  void addTo(Scrape out, String target, int calls, int series) {
    out.add(SeriesKey.of(WALL, "target", target), SeriesKind.GAUGE, (System.nanoTime() - wallStartNanos) / 1e6);
    if (cpuStartNanos >= 0) {
      out.add(SeriesKey.of(CPU, "target", target), SeriesKind.GAUGE, (THREADS.getCurrentThreadCpuTime() - cpuStartNanos) / 1e6);
    }
    if (allocatedStart >= 0) {
      out.add(SeriesKey.of(ALLOCATED, "target", target), SeriesKind.GAUGE,
          ALLOCATIONS.getThreadAllocatedBytes(Thread.currentThread().getId()) - allocatedStart);
    }
    if (calls >= 0) out.add(SeriesKey.of(CALLS, "target", target), SeriesKind.GAUGE, calls);
    out.add(SeriesKey.of(SERIES, "target", target), SeriesKind.GAUGE, series);
  }
}
