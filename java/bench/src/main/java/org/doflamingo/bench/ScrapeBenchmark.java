package org.doflamingo.bench;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javax.management.MBeanServerConnection;
import javax.management.ObjectName;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartitionInfo;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.doflamingo.cluster.KafkaBroker;
import org.doflamingo.cluster.KafkaCluster;
import org.doflamingo.cluster.ZooKeeperEnsemble;
import org.doflamingo.collect.catalogue.MetricCatalogue;
import org.doflamingo.collect.jmx.JmxCollector;
import org.doflamingo.collect.jmx.JmxSource;

/**
 * A full JMX scrape of a broker carrying many partitions: Doflamingo's {@link JmxCollector}
 * against Prometheus jmx_exporter's collector, on the same broker, in the same JVM, same run.
 *
 * <p>One ZooKeeper and one Kafka broker (java/cluster, data under {@code --dir}); topics of RF 1
 * so that the broker leads {@code --partitions} partitions; a few records produced to every
 * partition so every per-partition MBean exists; then the broker's MBean count is awaited until
 * it stays put. Four ways of scraping it, all open at once:
 * <ul>
 *   <li>Doflamingo with the catalogue's kafka-broker sources (what production reads);
 *   <li>Doflamingo full: {@code *:*}, every numeric attribute of every MBean;
 *   <li>jmx_exporter with Kafka rules (ours, in the manner of its Kafka example;
 *       {@code jmx-exporter-kafka-rules.yml}): reads every MBean, keeps what the rules match;
 *   <li>jmx_exporter with no rules: every MBean, every attribute, default format.
 * </ul>
 * They take turns, one scrape each per round, the order turning every round, {@code --warmup}
 * rounds unmeasured then {@code --scrapes} measured: the machine's other load and the garbage one
 * tool leaves fall on all of them alike. Doflamingo full against jmx_exporter with no rules is the
 * like-for-like pair: both read every MBean and every attribute and emit every number. A
 * Doflamingo scrape lands in a counting {@code Scrape} (the engine's ingest is not part of this
 * bench: see IngestBenchmark); jmx_exporter's registry scrape builds its snapshots, which are
 * counted.
 *
 * <p>Costs, measured around each scrape alone: CPU time of the scraping threads (the caller, plus
 * the collector's "doflamingo-jmx-" readers) and of the whole process less its idle rate (adds GC
 * and JIT, whoever's garbage it is), bytes allocated by the scraping threads, the broker's CPU less
 * its idle rate, and the CPU the rest of the machine used meanwhile (other processes: a run is
 * worth keeping when it is small); and the heap a collector keeps between scrapes (heap in use
 * after System.gc() with the collector open and discovered, less before). Per 10,000 series.
 */
public final class ScrapeBenchmark {
  private static final String RULES = "jmx-exporter-kafka-rules.yml";

  public static void main(String[] args) throws Exception {
    int partitions = 2000;
    int topics = 20;
    int scrapes = 20;
    int warmup = 5;
    int parallelReads = 4;
    boolean exporter = true;
    Path dir = Paths.get("target/bench-scrape");
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--partitions": partitions = Integer.parseInt(args[++i]); break;
        case "--topics": topics = Integer.parseInt(args[++i]); break;
        case "--scrapes": scrapes = Integer.parseInt(args[++i]); break;
        case "--warmup": warmup = Integer.parseInt(args[++i]); break;
        case "--parallel-reads": parallelReads = Integer.parseInt(args[++i]); break;
        case "--no-jmx-exporter": exporter = false; break;
        case "--dir": dir = Paths.get(args[++i]); break;
        default:
          System.err.println("usage: ScrapeBenchmark [--partitions N] [--topics T] [--scrapes N] [--warmup W]"
              + " [--parallel-reads R] [--no-jmx-exporter] [--dir D]");
          System.exit(2);
      }
    }
    // The Kafka clients' INFO lines would bury the figures.
    System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", System.getProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn"));
    int perTopic = (partitions + topics - 1) / topics;
    Files.createDirectories(dir);
    try (ZooKeeperEnsemble zk = ZooKeeperEnsemble.start(dir, 1);
        KafkaCluster kafka = KafkaCluster.start(dir, zk, 1)) {
      KafkaBroker broker = kafka.brokers().get(0);
      long t0 = System.nanoTime();
      load(kafka, topics, perTopic);
      int mbeans = awaitStableMBeans(broker);
      System.out.printf("broker %s: %,d partitions (%d topics x %d, RF 1) + internal topics, %,d MBeans (stable), loaded in %.0f s%n",
          broker, topics * perTopic, topics, perTopic, mbeans, (System.nanoTime() - t0) / 1e9);

      try (BrokerCpu brokerCpu = new BrokerCpu(broker.host(), broker.jmxPort())) {
        double idle = Resources.idleProcessCpu(3000);
        brokerCpu.idle = brokerCpu.idle(3000);
        System.out.printf("idle CPU, subtracted from what scrapes cost: bench JVM %.1f ms/s, broker %.1f ms/s%n",
            idle * 1e3, brokerCpu.idle * 1e3);
        List<ScrapeRun> runs = new ArrayList<>();
        try {
          runs.add(ScrapeRun.doflamingo("doflamingo, catalogue kafka-broker", broker,
              JmxSource.of(MetricCatalogue.load().of("kafka-broker")), parallelReads));
          runs.add(ScrapeRun.doflamingo("doflamingo, full (*:* every numeric attr)", broker,
              Collections.singletonList(JmxSource.everyNumericAttribute(new ObjectName("*:*"))), parallelReads));
          if (exporter) {
            String url = "service:jmx:rmi:///jndi/rmi://" + broker.host() + ":" + broker.jmxPort() + "/jmxrmi";
            String version = ExporterScrape.version();
            Path rules = dir.resolve("jmx-exporter-kafka.yml");
            Files.write(rules, ("jmxUrl: " + url + "\n" + resource(RULES)).getBytes(StandardCharsets.UTF_8));
            Path all = dir.resolve("jmx-exporter-all.yml");
            Files.write(all, ("jmxUrl: " + url + "\n").getBytes(StandardCharsets.UTF_8));
            runs.add(ScrapeRun.exporter("jmx_exporter " + version + ", Kafka rules", rules));
            runs.add(ScrapeRun.exporter("jmx_exporter " + version + ", no rules (all)", all));
          }
          // Round robin, the order turning each round: whatever else the machine does, and the
          // garbage one tool leaves behind, falls on every tool alike.
          ScrapeRun.Idle idleRates = new ScrapeRun.Idle(idle, brokerCpu);
          for (int round = 0; round < warmup + scrapes; round++) {
            for (int k = 0; k < runs.size(); k++) runs.get((round + k) % runs.size()).scrape(round >= warmup, idleRates);
          }
          for (ScrapeRun r : runs) r.report();
          print(runs, runs.get(1), scrapes, warmup, parallelReads, topics * perTopic, mbeans);
        } finally {
          for (ScrapeRun r : runs) r.close();
        }
      }
    }
  }

  static void print(List<ScrapeRun> runs, ScrapeRun full, int scrapes, int warmup, int parallelReads, int partitions,
      int mbeans) {
    System.out.printf("%nRESULT full JMX scrape of one broker, %,d partitions, %,d MBeans; %d scrapes each after %d warm-up,"
        + " the tools taking turns; doflamingo parallelReads=%d%n", partitions, mbeans, scrapes, warmup, parallelReads);
    String head = "| tool / mode | ms/scrape p50 | p99 | samples/scrape | samples/s | p50 vs doflamingo full |";
    System.out.println(head);
    System.out.println("|---|---:|---:|---:|---:|---:|");
    for (ScrapeRun r : runs) {
      System.out.printf(Locale.ROOT, "| %s | %,.0f | %,.0f | %,d | %,.0f | %s |%n", r.label, r.p50Ms(), r.p99Ms(),
          r.samples(), r.samples() / (r.p50Ms() / 1e3),
          r == full ? "1 (reference)" : String.format(Locale.ROOT, "%.2fx", r.p50Ms() / full.p50Ms()));
    }
    System.out.println("Like for like: doflamingo full vs jmx_exporter no rules (both read every MBean and attribute"
        + " and emit every number); jmx_exporter with Kafka rules reads the same and keeps fewer samples."
        + " p99 is nearest-rank: of " + scrapes + " scrapes, " + slowest(scrapes - (int) Math.ceil(0.99 * scrapes) + 1) + ".");
    System.out.printf("%nRESULT cost per scrape and per 10,000 series (samples)%n");
    System.out.println("| tool / mode | CPU ms/scrape, scraping threads | per 10k | CPU ms/scrape, process - idle | per 10k"
        + " | allocated MB/scrape | per 10k | heap kept between scrapes, MB | per 10k | broker CPU ms/scrape"
        + " | other processes, CPU ms/scrape |");
    System.out.println("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
    for (ScrapeRun r : runs) {
      double per10k = 10_000.0 / r.samples();
      System.out.printf(Locale.ROOT, "| %s | %,.0f | %,.1f | %,.0f | %,.1f | %,.1f | %,.2f | %,.1f | %,.2f | %,.0f | %,.0f |%n",
          r.label, r.threadCpuMs(), r.threadCpuMs() * per10k, r.processCpuMs(), r.processCpuMs() * per10k,
          r.allocatedMb(), r.allocatedMb() * per10k, r.retainedMb, r.retainedMb * per10k, r.brokerCpuMs(), r.otherCpuMs());
    }
  }

  /** Topics of RF 1 adding up to {@code topics * perTopic} partitions, then records to each partition. */
  static void load(KafkaCluster kafka, int topics, int perTopic) throws Exception {
    List<String> names = new ArrayList<>();
    for (int t = 0; t < topics; t++) names.add(String.format("bench-%02d", t));
    Properties ap = kafka.clientProperties();
    // A broker creating thousands of logs answers slowly: one topic per request, generous timeouts.
    ap.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, "300000");
    ap.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "600000");
    try (Admin admin = Admin.create(ap)) {
      for (String n : names) {
        admin.createTopics(Collections.singletonList(new NewTopic(n, perTopic, (short) 1))).all().get(10, TimeUnit.MINUTES);
      }
      long deadline = System.currentTimeMillis() + 600_000;
      while (true) {
        int led = 0;
        for (TopicDescription d : admin.describeTopics(names).allTopicNames().get(60, TimeUnit.SECONDS).values()) {
          for (TopicPartitionInfo p : d.partitions()) if (p.leader() != null) led++;
        }
        if (led == topics * perTopic) break;
        if (System.currentTimeMillis() > deadline) throw new IllegalStateException("only " + led + " partitions have a leader");
        Thread.sleep(1000);
      }
    }
    Properties p = kafka.clientProperties();
    p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
    p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
    p.put(ProducerConfig.ACKS_CONFIG, "1");
    p.put(ProducerConfig.LINGER_MS_CONFIG, "20");
    try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(p)) {
      List<Future<RecordMetadata>> sent = new ArrayList<>();
      byte[] value = "doflamingo scrape benchmark".getBytes(StandardCharsets.UTF_8);
      for (int r = 0; r < 3; r++) {
        for (String n : names) {
          for (int part = 0; part < perTopic; part++) sent.add(producer.send(new ProducerRecord<>(n, part, null, value)));
        }
      }
      producer.flush();
      for (Future<RecordMetadata> f : sent) f.get(60, TimeUnit.SECONDS);
    }
  }

  /** Polls the broker's MBean count every 2 s until three polls in a row agree; returns it. */
  static int awaitStableMBeans(KafkaBroker broker) throws Exception {
    JMXServiceURL url = new JMXServiceURL("service:jmx:rmi:///jndi/rmi://" + broker.host() + ":" + broker.jmxPort() + "/jmxrmi");
    try (JMXConnector c = JMXConnectorFactory.connect(url)) {
      MBeanServerConnection conn = c.getMBeanServerConnection();
      int last = -1;
      int same = 0;
      long deadline = System.currentTimeMillis() + 300_000;
      while (same < 3) {
        if (System.currentTimeMillis() > deadline) throw new IllegalStateException("MBean count never settled: " + last);
        Thread.sleep(2000);
        int n = conn.getMBeanCount();
        same = n == last ? same + 1 : 1;
        last = n;
      }
      return last;
    }
  }

  static String resource(String name) throws IOException {
    try (InputStream in = ScrapeBenchmark.class.getResourceAsStream(name)) {
      if (in == null) throw new IOException("no resource " + name);
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  static String slowest(int n) {
    return n == 1 ? "the slowest" : "the " + (n == 2 ? "2nd" : n == 3 ? "3rd" : n + "th") + " slowest";
  }

  /** Nearest-rank percentile of sorted values. */
  static double percentile(double[] sorted, double p) {
    int rank = (int) Math.ceil(p / 100 * sorted.length);
    return sorted[Math.max(0, Math.min(sorted.length, rank) - 1)];
  }

  private ScrapeBenchmark() {
  }
}
