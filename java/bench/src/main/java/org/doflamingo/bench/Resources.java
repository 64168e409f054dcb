package org.doflamingo.bench;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;

/** CPU time, allocation and heap of this JVM, as the JDK's management beans report them. */
public final class Resources {
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

  /**
   * CPU time the whole machine spent busy so far (all processes; /proc/stat), ns; -1 where there
   * is no /proc. Set beside the bench's and the broker's own CPU it shows whether something else
   * ran during a measurement.
   */
  public static long machineBusyNanos() {
    try {
      for (String line : java.nio.file.Files.readAllLines(java.nio.file.Paths.get("/proc/stat"))) {
        if (!line.startsWith("cpu ")) continue;
        String[] f = line.trim().split("\\s+");
        long busy = 0;
        for (int i = 1; i < f.length && i <= 7; i++) if (i != 4 && i != 5) busy += Long.parseLong(f[i]); // user .. softirq, not idle, iowait
        return busy * 10_000_000L; // USER_HZ = 100
      }
    } catch (java.io.IOException | RuntimeException e) {
      // not Linux
    }
    return -1;
  }

  public static long processCpuNanos() {
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
  public static long gcAndUsedHeap() throws InterruptedException {
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
