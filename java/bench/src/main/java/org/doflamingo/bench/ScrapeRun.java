package org.doflamingo.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.doflamingo.cluster.KafkaBroker;
import org.doflamingo.collect.jmx.JmxCollector;
import org.doflamingo.collect.jmx.JmxSource;

/**
 * One tool in one mode, open for the whole bench: scraped once per round, each scrape timed and
 * its costs measured around it alone (CPU and allocation of its scraping threads, CPU of this
 * process and of the broker less their idle rates, CPU the rest of the machine took meanwhile).
 */
final class ScrapeRun implements AutoCloseable {
  interface Scraper {
    /** One full scrape; returns the samples it produced. */
    long scrape() throws Exception;
  }

  /** Idle rates measured before the bench, subtracted from every scrape's costs. */
  static final class Idle {
    final double process;
    final BrokerCpu broker;

    Idle(double process, BrokerCpu broker) {
      this.process = process;
      this.broker = broker;
    }
  }

  final String label;
  private final Scraper scraper;
  private final AutoCloseable resource;
  /** Thread ids whose CPU and allocation are the scrape's: the caller, plus the collector's readers. */
  private final long[] threads;
  /** Heap in use after System.gc() with the collector open and discovered, less before, MB. */
  final double retainedMb;

  private final List<Long> nanos = new ArrayList<>();
  private long samples;
  private long minSamples = Long.MAX_VALUE;
  private long maxSamples;
  private long threadCpuNanos;
  private long allocatedBytes;
  private double processCpuNanos;
  private double brokerCpuNanos;
  private long otherCpuNanos;

  private ScrapeRun(String label, Scraper scraper, AutoCloseable resource, long[] threads, double retainedMb) {
    this.label = label;
    this.scraper = scraper;
    this.resource = resource;
    this.threads = threads;
    this.retainedMb = retainedMb;
  }

  static ScrapeRun doflamingo(String label, KafkaBroker broker, List<JmxSource> sources, int parallelReads)
      throws Exception {
    Set<Long> before = new HashSet<>();
    for (long id : Resources.threads("doflamingo-jmx-")) before.add(id);
    long heap = Resources.gcAndUsedHeap();
    JmxCollector c = new JmxCollector(broker.host(), broker.jmxPort(), null, false, sources,
        Map.of("cluster", "bench", "broker", String.valueOf(broker.id())), 120_000, parallelReads);
    try {
      long t = System.nanoTime();
      CountingScrape first = new CountingScrape();
      c.scrape(first); // connects, discovers, starts the readers
      System.out.printf("%s: first scrape (connect + discovery of %,d MBeans) %.0f ms, %,d values%n", label,
          c.mbeanCount(), (System.nanoTime() - t) / 1e6, first.count);
      double retained = (Resources.gcAndUsedHeap() - heap) / 1048576.0;
      // the caller (it adds the values up) and this collector's readers
      long[] threads = Arrays.stream(Resources.threads("doflamingo-jmx-"))
          .filter(id -> id == Thread.currentThread().getId() || !before.contains(id)).toArray();
      return new ScrapeRun(label, () -> {
        CountingScrape s = new CountingScrape();
        c.scrape(s);
        return s.count;
      }, c, threads, retained);
    } catch (Exception | Error e) {
      c.close();
      throw e;
    }
  }

  static ScrapeRun exporter(String label, Path config) throws Exception {
    long heap = Resources.gcAndUsedHeap();
    ExporterScrape e = new ExporterScrape(config);
    long t = System.nanoTime();
    long first = e.scrape();
    System.out.printf("%s: first scrape %.0f ms, %,d samples%n", label, (System.nanoTime() - t) / 1e6, first);
    double retained = (Resources.gcAndUsedHeap() - heap) / 1048576.0;
    return new ScrapeRun(label, e::scrape, e, Resources.threads(null), retained);
  }

  /** One scrape; timed and costed when {@code measured} (not during the warm-up). */
  void scrape(boolean measured, Idle idle) throws Exception {
    if (!measured) {
      scraper.scrape();
      return;
    }
    long[] mine = threads;
    long cpu = Resources.cpuNanos(mine);
    long allocated = Resources.allocatedBytes(mine);
    long process = Resources.processCpuNanos();
    long broker = idle.broker.nanos();
    long machine = Resources.machineBusyNanos();
    long t = System.nanoTime();
    long n = scraper.scrape();
    long wall = System.nanoTime() - t;
    long brokerDelta = idle.broker.nanos() - broker;
    long processDelta = Resources.processCpuNanos() - process;
    if (machine >= 0) otherCpuNanos += Resources.machineBusyNanos() - machine - brokerDelta - processDelta;
    threadCpuNanos += Resources.cpuNanos(mine) - cpu;
    allocatedBytes += Resources.allocatedBytes(mine) - allocated;
    processCpuNanos += processDelta - idle.process * wall;
    brokerCpuNanos += brokerDelta - idle.broker.idle * wall;
    nanos.add(wall);
    samples += n;
    minSamples = Math.min(minSamples, n);
    maxSamples = Math.max(maxSamples, n);
  }

  void report() {
    System.out.printf("%s: %d scrapes, p50 %.0f ms, p99 %.0f ms, %,d samples per scrape%s, %d scraping threads;"
        + " other processes used %.0f ms CPU per scrape%n", label, nanos.size(), p50Ms(), p99Ms(), samples(),
        minSamples == maxSamples ? "" : " (" + minSamples + ".." + maxSamples + ")", threads.length, otherCpuMs());
  }

  private double[] sortedMs() {
    return nanos.stream().mapToDouble(n -> n / 1e6).sorted().toArray();
  }

  double p50Ms() {
    return ScrapeBenchmark.percentile(sortedMs(), 50);
  }

  double p99Ms() {
    return ScrapeBenchmark.percentile(sortedMs(), 99);
  }

  long samples() {
    return Math.round((double) samples / nanos.size());
  }

  double threadCpuMs() {
    return threadCpuNanos / 1e6 / nanos.size();
  }

  double processCpuMs() {
    return processCpuNanos / 1e6 / nanos.size();
  }

  double brokerCpuMs() {
    return brokerCpuNanos / 1e6 / nanos.size();
  }

  double otherCpuMs() {
    return otherCpuNanos / 1e6 / nanos.size();
  }

  double allocatedMb() {
    return allocatedBytes / 1048576.0 / nanos.size();
  }

  @Override
  public void close() throws Exception {
    resource.close();
  }
}
