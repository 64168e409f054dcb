package org.doflamingo.bench;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.doflamingo.cluster.KafkaBroker;
import org.doflamingo.collect.jmx.JmxCollector;
import org.doflamingo.collect.jmx.JmxSource;

/** One tool in one mode: warmed up, then timed over back-to-back scrapes, with what they cost. */
final class ScrapeRun {
  interface Scraper {
    /** One full scrape; returns the samples it produced. */
    long scrape() throws Exception;
  }

  final String label;
  long[] nanos;
  long samples;
  long threadCpuNanos;
  long processCpuNanos;
  long allocatedBytes;
  long brokerCpuNanos;
  /** Busy CPU of the whole machine per scrape, less the bench's and the broker's: other processes. */
  long otherCpuNanos;
  double retainedMb;

  private ScrapeRun(String label) {
    this.label = label;
  }

  static ScrapeRun doflamingo(String label, KafkaBroker broker, List<JmxSource> sources, int parallelReads, int warmup,
      int scrapes, double idle, BrokerCpu brokerCpu) throws Exception {
    long before = Resources.gcAndUsedHeap();
    JmxCollector c = new JmxCollector(broker.host(), broker.jmxPort(), null, false, sources,
        Map.of("cluster", "bench", "broker", String.valueOf(broker.id())), 120_000, parallelReads);
    try {
      long t = System.nanoTime();
      CountingScrape first = new CountingScrape();
      c.scrape(first); // connects, discovers
      System.out.printf("%s: first scrape (connect + discovery of %,d MBeans) %.0f ms, %,d values%n", label,
          c.mbeanCount(), (System.nanoTime() - t) / 1e6, first.count);
      ScrapeRun run = new ScrapeRun(label);
      run.retainedMb = (Resources.gcAndUsedHeap() - before) / 1048576.0;
      run.measure(() -> {
        CountingScrape s = new CountingScrape();
        c.scrape(s);
        return s.count;
      }, "doflamingo-jmx-", warmup, scrapes, idle, brokerCpu);
      return run;
    } finally {
      c.close();
    }
  }

  static ScrapeRun exporter(String label, Path config, int warmup, int scrapes, double idle, BrokerCpu brokerCpu)
      throws Exception {
    long before = Resources.gcAndUsedHeap();
    try (ExporterScrape e = new ExporterScrape(config)) {
      long t = System.nanoTime();
      long first = e.scrape();
      System.out.printf("%s: first scrape %.0f ms, %,d samples%n", label, (System.nanoTime() - t) / 1e6, first);
      ScrapeRun run = new ScrapeRun(label);
      run.retainedMb = (Resources.gcAndUsedHeap() - before) / 1048576.0;
      run.measure(e::scrape, null, warmup, scrapes, idle, brokerCpu);
      return run;
    }
  }

  private void measure(Scraper scraper, String threadPrefix, int warmup, int scrapes, double idle, BrokerCpu brokerCpu)
      throws Exception {
    for (int i = 0; i < warmup; i++) scraper.scrape();
    long[] threads = Resources.threads(threadPrefix);
    nanos = new long[scrapes];
    long min = Long.MAX_VALUE;
    long max = 0;
    long total = 0;
    long cpu = Resources.cpuNanos(threads);
    long allocated = Resources.allocatedBytes(threads);
    long process = Resources.processCpuNanos();
    long broker = brokerCpu.nanos();
    long machine = Resources.machineBusyNanos();
    long wall = System.nanoTime();
    for (int i = 0; i < scrapes; i++) {
      long t = System.nanoTime();
      long n = scraper.scrape();
      nanos[i] = System.nanoTime() - t;
      min = Math.min(min, n);
      max = Math.max(max, n);
      total += n;
    }
    wall = System.nanoTime() - wall;
    long brokerTotal = brokerCpu.nanos() - broker;
    long processTotal = Resources.processCpuNanos() - process;
    otherCpuNanos = machine < 0 ? 0 : (Resources.machineBusyNanos() - machine - brokerTotal - processTotal) / scrapes;
    brokerCpuNanos = (long) ((brokerTotal - brokerCpu.idle * wall) / scrapes);
    threadCpuNanos = (Resources.cpuNanos(threads) - cpu) / scrapes;
    allocatedBytes = (Resources.allocatedBytes(threads) - allocated) / scrapes;
    processCpuNanos = (long) ((processTotal - idle * wall) / scrapes);
    samples = Math.round((double) total / scrapes);
    System.out.printf("%s: %d scrapes, p50 %.0f ms, p99 %.0f ms, %,d samples per scrape%s, %d scraping threads;"
        + " other processes used %.0f ms CPU per scrape%n", label, scrapes, p50Ms(), p99Ms(), samples,
        min == max ? "" : " (" + min + ".." + max + ")", threads.length, otherCpuNanos / 1e6);
  }

  double p50Ms() {
    return ScrapeBenchmark.percentile(ScrapeBenchmark.sortedMs(nanos), 50);
  }

  double p99Ms() {
    return ScrapeBenchmark.percentile(ScrapeBenchmark.sortedMs(nanos), 99);
  }

  double threadCpuMs() {
    return threadCpuNanos / 1e6;
  }

  double processCpuMs() {
    return processCpuNanos / 1e6;
  }

  double brokerCpuMs() {
    return brokerCpuNanos / 1e6;
  }

  double allocatedMb() {
    return allocatedBytes / 1048576.0;
  }
}
