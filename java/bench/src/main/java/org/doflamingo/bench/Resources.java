package org.doflamingo.bench;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;

/** CPU time, allocation and heap of this JVM, as the JDK's management beans report them. */
final class Resources {
  static final com.sun.management.ThreadMXBean THREADS = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
  static final com.sun.management.OperatingSystemMXBean OS =
      (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

  private Resources() {
  }

  /** The calling thread, and every live thread whose name starts with {@code prefix} (null: none). */
  static long[] threads(String prefix) {
    List<Long> ids = new ArrayList<>();
    ids.add(Thread.currentThread().getId());
    if (prefix != null) {
      for (Thread t : Thread.getAllStackTraces().keySet()) {
        if (t.getName().startsWith(prefix) && t != Thread.currentThread()) ids.add(t.getId());
      }
    }
    return ids.stream().mapToLong(Long::longValue).toArray();
  }

  /** CPU time of these threads, ns (threads that ended count for nothing). */
  static long cpuNanos(long[] threads) {
    long sum = 0;
    for (long v : THREADS.getThreadCpuTime(threads)) if (v > 0) sum += v;
    return sum;
  }

  /** Bytes allocated so far by these threads. */
  static long allocatedBytes(long[] threads) {
    long sum = 0;
    for (long v : THREADS.getThreadAllocatedBytes(threads)) if (v > 0) sum += v;
    return sum;
  }

  static long processCpuNanos() {
    return OS.getProcessCpuTime();
  }

  /** CPU the process spends while nobody scrapes, ns per ns of wall time, over {@code ms}. */
  static double idleProcessCpu(long ms) throws InterruptedException {
    long cpu = processCpuNanos();
    long wall = System.nanoTime();
    Thread.sleep(ms);
    return (double) (processCpuNanos() - cpu) / (System.nanoTime() - wall);
  }

  /** Full collections until the heap in use stops shrinking. */
  static long gcAndUsedHeap() throws InterruptedException {
    long used = Long.MAX_VALUE;
    for (int i = 0; i < 10; i++) {
      System.gc();
      Thread.sleep(100);
      long now = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
      if (now >= used && i >= 2) return now;
      used = Math.min(used, now);
    }
    return used;
  }
}
