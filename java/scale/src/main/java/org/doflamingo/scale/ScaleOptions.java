package org.doflamingo.scale;

import java.nio.file.Path;
import java.nio.file.Paths;

/**
 * The harness's command line: the cluster's shape (defaults: the issue's, 20,000 partitions and
 * 50,000 groups on one broker), how long Doflamingo watches it, where the data goes. {@code --small}
 * first sets a shape that runs in a few minutes; options after it override it.
 */
final class ScaleOptions {
  static final String USAGE = String.join("\n",
      "usage: ScaleHarness [--small] [options]",
      "  --brokers N              brokers (1)",
      "  --replication N          replication factor of the topics (the smaller of 3 and --brokers)",
      "  --topics N               topics (200)",
      "  --partitions-per-topic N partitions of each topic (100)",
      "  --groups N               consumer groups with committed offsets made through the Admin API (50000)",
      "  --partitions-per-group N partitions each of those groups commits (4)",
      "  --live-groups N          groups with a live member, each one consumer in the load JVM (300)",
      "  --lagging-groups N       of the live groups, those that consume too slowly to keep up (100)",
      "  --stopped-groups N       groups with offsets on written topics and no member: lag grows (200)",
      "  --written-topics N       topics the producers keep writing to (10)",
      "  --produce-rate N         records per second the producers write, all topics together (2000)",
      "  --records N              records written to every partition at setup (10)",
      "  --minutes N              how long Doflamingo collects (60; --small: 3)",
      "  --interval S             Doflamingo's intervalSeconds (the configuration's default when absent)",
      "  --tiers T                storage.tiers (the engine's defaults when absent; its first step must be the interval)",
      "  --max-disk-gb N          stop collection when Doflamingo's storage passes this (50)",
      "  --broker-heap H          broker heap (2g; --small: 1g)",
      "  --jmx-window S           seconds each JMX phase is measured: idle, jmx_exporter (120; --small: 30)",
      "  --rest-requests N        timed requests per REST list (100)",
      "  --no-peers               skip kafka-consumer-groups, kafkatop and the exporter",
      "  --dir DIR                data of this run (target/scale; wiped first)",
      "  --reuse DIR              keep DIR's cluster from an earlier run of the same shape (setup skipped)");

  int brokers = 1;
  Integer replication;
  int topics = 200;
  int partitionsPerTopic = 100;
  int groups = 50_000;
  int partitionsPerGroup = 4;
  int liveGroups = 300;
  int laggingGroups = 100;
  int stoppedGroups = 200;
  int writtenTopics = 10;
  int produceRate = 2000;
  int records = 10;
  int minutes = 60;
  Integer intervalSeconds;
  String tiers;
  double maxDiskGb = 50;
  String brokerHeap = "2g";
  int jmxWindowSeconds = 120;
  int restRequests = 100;
  boolean peers = true;
  Path dir = Paths.get("target", "scale");
  boolean reuse;

  static ScaleOptions parse(String[] args) {
    ScaleOptions o = new ScaleOptions();
    for (int i = 0; i < args.length; i++) {
      String a = args[i];
      switch (a) {
        case "--small": o.small(); break;
        case "--brokers": o.brokers = positive(args, ++i, a); break;
        case "--replication": o.replication = positive(args, ++i, a); break;
        case "--topics": o.topics = positive(args, ++i, a); break;
        case "--partitions-per-topic": o.partitionsPerTopic = positive(args, ++i, a); break;
        case "--groups": o.groups = positive(args, ++i, a); break;
        case "--partitions-per-group": o.partitionsPerGroup = positive(args, ++i, a); break;
        case "--live-groups": o.liveGroups = count(args, ++i, a); break;
        case "--lagging-groups": o.laggingGroups = count(args, ++i, a); break;
        case "--stopped-groups": o.stoppedGroups = count(args, ++i, a); break;
        case "--written-topics": o.writtenTopics = positive(args, ++i, a); break;
        case "--produce-rate": o.produceRate = count(args, ++i, a); break;
        case "--records": o.records = positive(args, ++i, a); break;
        case "--minutes": o.minutes = positive(args, ++i, a); break;
        case "--interval": o.intervalSeconds = positive(args, ++i, a); break;
        case "--tiers": o.tiers = value(args, ++i, a); break;
        case "--max-disk-gb": o.maxDiskGb = positive(args, ++i, a); break;
        case "--broker-heap": o.brokerHeap = value(args, ++i, a); break;
        case "--jmx-window": o.jmxWindowSeconds = positive(args, ++i, a); break;
        case "--rest-requests": o.restRequests = positive(args, ++i, a); break;
        case "--no-peers": o.peers = false; break;
        case "--dir": o.dir = Paths.get(value(args, ++i, a)); o.reuse = false; break;
        case "--reuse": o.dir = Paths.get(value(args, ++i, a)); o.reuse = true; break;
        default: throw new IllegalArgumentException("unknown argument " + a);
      }
    }
    o.check();
    return o;
  }

  /** 2,000 partitions, 5,000 groups, 3 minutes: a run of a few minutes to develop with. */
  private void small() {
    topics = 20;
    groups = 5_000;
    liveGroups = 40;
    laggingGroups = 15;
    stoppedGroups = 30;
    writtenTopics = 4;
    produceRate = 500;
    minutes = 3;
    brokerHeap = "1g";
    jmxWindowSeconds = 30;
  }

  private void check() {
    if (writtenTopics >= topics) {
      throw new IllegalArgumentException("--written-topics (" + writtenTopics + ") must be fewer than --topics (" + topics + ")");
    }
    if (partitionsPerGroup > partitionsPerTopic) {
      throw new IllegalArgumentException("--partitions-per-group (" + partitionsPerGroup + ") exceeds --partitions-per-topic ("
          + partitionsPerTopic + ")");
    }
    if (replication() > brokers) {
      throw new IllegalArgumentException("--replication (" + replication() + ") exceeds --brokers (" + brokers + ")");
    }
    if (laggingGroups > liveGroups) {
      throw new IllegalArgumentException("--lagging-groups (" + laggingGroups + ") exceeds --live-groups (" + liveGroups + ")");
    }
  }

  int partitions() {
    return topics * partitionsPerTopic;
  }

  int replication() {
    return replication != null ? replication : Math.min(3, brokers);
  }

  /** Partition replicas each broker holds (the topics' and the offsets topic's). */
  int replicasPerBroker() {
    return (partitions() * replication() + brokers - 1) / brokers + 50;
  }

  /** What decides whether a prepared cluster can be reused: the setup's shape, one line. */
  String setupShape() {
    return "brokers=" + brokers + " replication=" + replication() + " topics=" + topics + " partitionsPerTopic=" + partitionsPerTopic + " groups=" + groups
        + " partitionsPerGroup=" + partitionsPerGroup + " stoppedGroups=" + stoppedGroups + " writtenTopics=" + writtenTopics
        + " records=" + records;
  }

  private static String value(String[] args, int i, String option) {
    if (i >= args.length || args[i].startsWith("--")) throw new IllegalArgumentException(option + " needs a value");
    return args[i];
  }

  private static int count(String[] args, int i, String option) {
    String v = value(args, i, option);
    try {
      int n = Integer.parseInt(v);
      if (n >= 0) return n;
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new IllegalArgumentException(option + ": expected a whole number of 0 or more, got " + v);
  }

  private static int positive(String[] args, int i, String option) {
    int n = count(args, i, option);
    if (n == 0) throw new IllegalArgumentException(option + ": expected 1 or more, got 0");
    return n;
  }
}
