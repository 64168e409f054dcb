package org.doflamingo.probe;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The probe's arithmetic, over a sliding window (Kafka Monitor's definitions):
 * <ul>
 *   <li>produce availability of a partition = produced / (produced + errors);</li>
 *   <li>consume availability of a partition = (consumed &minus; delayed) / (consumed + lost);</li>
 *   <li>a partition with no traffic in the window reads 0 when zero throughput is unavailable,
 *   else 1 (unknown, NaN, for its first {@value #GRACE_MS} ms, while the consumer finds its place);</li>
 *   <li>cluster figures are the average over partitions;</li>
 *   <li>lost: a sequence number skipped (a higher one came first); duplicated: one seen again or
 *   older than the last; delayed: read back more than the SLA after it was produced;</li>
 *   <li>attribution: every produce result also counts for the broker that led the partition when
 *   the record was sent, so a broker's produce availability is that of the partitions it led.</li>
 * </ul>
 * Memory is fixed per partition and broker (sliced counters, sliced histograms); partitions are
 * those {@link #track tracked} from the topic's metadata, brokers those seen leading, live or
 * configured, and a broker is forgotten once its window is empty and it is neither. Thread-safe:
 * the producer's callbacks, the consumer's thread and the scrape all report here.
 */
public final class ProbeStats {
  /** Slices per window: the window is exact to within 1/12 of itself. */
  static final int SLICES = 12;
  static final long GRACE_MS = 5000;

  /** What one partition's window says. */
  public static final class PartitionFigures {
    public final int partition;
    public final double produceAvailability;
    public final double consumeAvailability;
    public final long produced;
    public final long produceErrors;
    public final long consumed;
    public final long lost;
    public final long duplicated;
    public final long delayed;

    PartitionFigures(int partition, double produceAvailability, double consumeAvailability, long produced, long produceErrors,
        long consumed, long lost, long duplicated, long delayed) {
      this.partition = partition;
      this.produceAvailability = produceAvailability;
      this.consumeAvailability = consumeAvailability;
      this.produced = produced;
      this.produceErrors = produceErrors;
      this.consumed = consumed;
      this.lost = lost;
      this.duplicated = duplicated;
      this.delayed = delayed;
    }
  }

  /** The whole window at one moment. */
  public static final class Snapshot {
    /** By partition number. */
    public final List<PartitionFigures> partitions;
    /** Produce availability by broker id (the attribution). */
    public final Map<Integer, Double> brokerProduceAvailability;
    /** Averages over the partitions with a figure; NaN when none has one. */
    public final double produceAvailability;
    public final double consumeAvailability;
    /** End-to-end latency percentiles in ms; NaN when nothing was read back in the window. */
    public final double latencyP50;
    public final double latencyP99;
    public final double latencyP999;
    /** Since the start, for counters. */
    public final long totalProduced;
    public final long totalProduceErrors;
    public final long totalConsumed;

    Snapshot(List<PartitionFigures> partitions, Map<Integer, Double> brokerProduceAvailability, double produceAvailability,
        double consumeAvailability, double[] latency, long totalProduced, long totalProduceErrors, long totalConsumed) {
      this.partitions = Collections.unmodifiableList(partitions);
      this.brokerProduceAvailability = Collections.unmodifiableMap(brokerProduceAvailability);
      this.produceAvailability = produceAvailability;
      this.consumeAvailability = consumeAvailability;
      this.latencyP50 = latency[0];
      this.latencyP99 = latency[1];
      this.latencyP999 = latency[2];
      this.totalProduced = totalProduced;
      this.totalProduceErrors = totalProduceErrors;
      this.totalConsumed = totalConsumed;
    }

    public PartitionFigures partition(int p) {
      for (PartitionFigures f : partitions) if (f.partition == p) return f;
      return null;
    }
  }

  private final class PartitionWindow {
    final long firstSeenMs;
    final SlidingCount produced = count();
    final SlidingCount errors = count();
    final SlidingCount consumed = count();
    final SlidingCount lost = count();
    final SlidingCount duplicated = count();
    final SlidingCount delayed = count();
    /** The highest sequence number read back; -1: none yet (the first one read sets it). */
    long lastSequence = -1;

    PartitionWindow(long firstSeenMs) {
      this.firstSeenMs = firstSeenMs;
    }
  }

  private final class BrokerWindow {
    final SlidingCount produced = count();
    final SlidingCount errors = count();
  }

  private final long sliceMs;
  private final long slaMs;
  private final boolean zeroThroughputIsUnavailable;
  private final long startMs;
  private final Map<Integer, PartitionWindow> partitions = new TreeMap<>();
  private final Map<Integer, BrokerWindow> brokers = new TreeMap<>();
  private final LatencyWindow latency;
  private long totalProduced;
  private long totalProduceErrors;
  private long totalConsumed;

  public ProbeStats(long windowMs, long slaMs, boolean zeroThroughputIsUnavailable, long nowMs) {
    this.sliceMs = Math.max(1, windowMs / SLICES);
    this.slaMs = slaMs;
    this.zeroThroughputIsUnavailable = zeroThroughputIsUnavailable;
    this.startMs = nowMs;
    this.latency = new LatencyWindow(sliceMs, SLICES);
  }

  public ProbeStats(ProbeConfig config, long nowMs) {
    this(config.windowMs, config.slaMs, config.zeroThroughputIsUnavailable, nowMs);
  }

  private SlidingCount count() {
    return new SlidingCount(sliceMs, SLICES);
  }

  /**
   * The partitions the topic has now (from its metadata): new ones are added, ones it no longer
   * has (the topic was recreated smaller) are dropped. Reports for other partitions are ignored.
   */
  public synchronized void track(Collection<Integer> current, long nowMs) {
    partitions.keySet().retainAll(new HashSet<>(current));
    for (Integer p : current) if (!partitions.containsKey(p)) partitions.put(p, new PartitionWindow(nowMs));
  }

  /** A record to {@code partition} was acknowledged; {@code leader} led it when it was sent (-1: unknown). */
  public synchronized void produced(int partition, int leader, long nowMs) {
    PartitionWindow w = partitions.get(partition);
    if (w == null) return;
    w.produced.add(nowMs, 1);
    totalProduced++;
    if (leader >= 0) broker(leader).produced.add(nowMs, 1);
  }

  /** A record to {@code partition} failed, or its slot passed without a send (see ProduceService). */
  public synchronized void produceFailed(int partition, int leader, long nowMs) {
    PartitionWindow w = partitions.get(partition);
    if (w == null) return;
    w.errors.add(nowMs, 1);
    totalProduceErrors++;
    if (leader >= 0) broker(leader).errors.add(nowMs, 1);
  }

  private BrokerWindow broker(int id) {
    BrokerWindow b = brokers.get(id);
    if (b == null) brokers.put(id, b = new BrokerWindow());
    return b;
  }

  /** This probe's record {@code sequence} was read back from {@code partition}, {@code latencyMs} after it was produced. */
  public synchronized void consumed(int partition, long sequence, long latencyMs, long nowMs) {
    PartitionWindow w = partitions.get(partition);
    if (w == null) return;
    w.consumed.add(nowMs, 1);
    totalConsumed++;
    latency.record(nowMs, latencyMs);
    if (latencyMs > slaMs) w.delayed.add(nowMs, 1);
    if (w.lastSequence < 0 || sequence == w.lastSequence + 1) {
      w.lastSequence = sequence;
    } else if (sequence > w.lastSequence + 1) {
      w.lost.add(nowMs, sequence - w.lastSequence - 1);
      w.lastSequence = sequence;
    } else {
      w.duplicated.add(nowMs, 1);
    }
  }

  /**
   * The window now. Brokers get an attribution figure even with no traffic in the window when
   * they are live (then they read as a partition with zero throughput does: nothing sent to them
   * means the probe does not cover them) or configured (a configured broker that is not live
   * reads 0: it cannot be produced to, whatever zero throughput is taken to mean).
   */
  public synchronized Snapshot snapshot(long nowMs, Collection<Integer> liveBrokers, Collection<Integer> configuredBrokers) {
    List<PartitionFigures> figures = new ArrayList<>();
    double produceSum = 0;
    int produceN = 0;
    double consumeSum = 0;
    int consumeN = 0;
    for (Map.Entry<Integer, PartitionWindow> e : partitions.entrySet()) {
      PartitionWindow w = e.getValue();
      long produced = w.produced.sum(nowMs);
      long errors = w.errors.sum(nowMs);
      long consumed = w.consumed.sum(nowMs);
      long lost = w.lost.sum(nowMs);
      long delayed = w.delayed.sum(nowMs);
      boolean grace = nowMs - w.firstSeenMs < GRACE_MS;
      double produce = ratio(produced, produced + errors, grace);
      // delayed <= consumed always; max() only guards a window edge that split a record's two counts
      double consume = ratio(Math.max(0, consumed - delayed), consumed + lost, grace);
      if (!Double.isNaN(produce)) {
        produceSum += produce;
        produceN++;
      }
      if (!Double.isNaN(consume)) {
        consumeSum += consume;
        consumeN++;
      }
      figures.add(new PartitionFigures(e.getKey(), produce, consume, produced, errors, consumed, lost, w.duplicated.sum(nowMs),
          delayed));
    }
    Set<Integer> live = new HashSet<>(liveBrokers);
    Set<Integer> keep = new HashSet<>(live);
    keep.addAll(configuredBrokers);
    Map<Integer, Double> byBroker = new TreeMap<>();
    boolean grace = nowMs - startMs < GRACE_MS;
    for (Iterator<Map.Entry<Integer, BrokerWindow>> it = brokers.entrySet().iterator(); it.hasNext(); ) {
      Map.Entry<Integer, BrokerWindow> e = it.next();
      long produced = e.getValue().produced.sum(nowMs);
      long errors = e.getValue().errors.sum(nowMs);
      if (produced + errors == 0 && !keep.contains(e.getKey())) {
        it.remove(); // a broker gone from the cluster, its window empty: forgotten
        continue;
      }
      if (produced + errors > 0) byBroker.put(e.getKey(), ratio(produced, produced + errors, grace));
    }
    for (Integer b : keep) {
      if (!byBroker.containsKey(b)) byBroker.put(b, live.contains(b) ? ratio(0, 0, grace) : 0.0);
    }
    return new Snapshot(figures, byBroker, produceN == 0 ? Double.NaN : produceSum / produceN,
        consumeN == 0 ? Double.NaN : consumeSum / consumeN, latency.percentiles(nowMs, 50, 99, 99.9), totalProduced,
        totalProduceErrors, totalConsumed);
  }

  private double ratio(long good, long all, boolean grace) {
    if (all > 0) return (double) good / all;
    if (grace) return Double.NaN;
    return zeroThroughputIsUnavailable ? 0 : 1;
  }

  /** Bytes of the latency histograms (the largest part), for the memory bound's test. */
  synchronized long latencyFootprintBytes() {
    return latency.footprintBytes();
  }
}
