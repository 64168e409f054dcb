package org.doflamingo.engine.demo;

import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import org.doflamingo.engine.Aggregation;
import org.doflamingo.engine.Engine;
import org.doflamingo.engine.EngineConfig;
import org.doflamingo.engine.Group;
import org.doflamingo.engine.SampleBatch;
import org.doflamingo.engine.Scheduler;
import org.doflamingo.engine.SeriesKey;
import org.doflamingo.engine.SeriesKind;

/**
 * The engine on its own, until the standalone server exists: three simulated brokers scraped
 * every 2 s through the scheduler (broker 3 goes dark for a while to show backoff and DOWN), their
 * numbers ingested, stored and queried back. Ctrl-C stops it; history stays under the data dir.
 */
public final class EngineDemo {
  private static final String[] TOPICS = {"fast-messages", "summary-markers"};
  private static final String MESSAGES_IN = "kafka.server.BrokerTopicMetrics.MessagesInPerSec.Count";
  private static final String UNDER_REPLICATED = "kafka.server.ReplicaManager.UnderReplicatedPartitions";

  private EngineDemo() {}

  public static void main(String[] args) throws Exception {
    Path dir = Paths.get(args.length > 0 ? args[0] : "target/demo-data");
    CountDownLatch stop = new CountDownLatch(1);
    CountDownLatch closed = new CountDownLatch(1);
    // On Ctrl-C the JVM exits once its hooks return: hold it until the engine is closed.
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      stop.countDown();
      try {
        closed.await(60, java.util.concurrent.TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }));
    try (Engine engine = Engine.open(EngineConfig.at(dir)); Scheduler scheduler = Scheduler.create()) {
      long now = System.currentTimeMillis();
      int brokers = 3;
      int[][] messages = new int[brokers][TOPICS.length];
      int[] underReplicated = new int[brokers];
      long[][] counts = new long[brokers][TOPICS.length];
      for (int b = 0; b < brokers; b++) {
        String broker = String.valueOf(b + 1);
        scheduler.addTarget("broker-" + broker + ":9999", 2000, 200, 1500, 16000, now);
        underReplicated[b] = engine.intern(SeriesKey.of(UNDER_REPLICATED, "cluster", "demo", "broker", broker), SeriesKind.GAUGE);
        for (int t = 0; t < TOPICS.length; t++) {
          messages[b][t] = engine.intern(SeriesKey.of(MESSAGES_IN, "cluster", "demo", "broker", broker, "topic", TOPICS[t]),
              SeriesKind.COUNTER);
        }
      }
      System.out.printf("Doflamingo engine demo: history under %s; Ctrl-C to stop.%n", dir.toAbsolutePath());
      Random random = new Random(7);
      SampleBatch batch = new SampleBatch(64);
      long started = now;
      long lastReport = now;
      while (!stop.await(Math.max(50, scheduler.millisUntilNextDue(System.currentTimeMillis())),
          java.util.concurrent.TimeUnit.MILLISECONDS)) {
        now = System.currentTimeMillis();
        for (Scheduler.Due due : scheduler.due(now)) {
          int b = due.targetId;
          // Broker 3 is unreachable between 30 s and 60 s of every 2 minutes.
          long phase = (now - started) % 120_000;
          if (b == 2 && phase > 30_000 && phase < 60_000) {
            scheduler.complete(due, false, now, "connection refused (simulated)");
            continue;
          }
          batch.clear();
          for (int t = 0; t < TOPICS.length; t++) {
            counts[b][t] += 200 + random.nextInt(100) * (t + 1);
            batch.add(messages[b][t], now, counts[b][t]);
          }
          boolean brokerThreeAway = phase > 30_000 && phase < 60_000;
          batch.add(underReplicated[b], now, brokerThreeAway && b != 2 ? 4 : 0);
          engine.ingest(batch);
          scheduler.complete(due, true, System.currentTimeMillis(), null);
        }
        if (now - lastReport >= 10_000) {
          lastReport = now;
          report(engine, scheduler, brokers, now);
        }
      }
      System.out.println("stopping: writing buffered values to the RRD files");
    } finally {
      closed.countDown();
    }
  }

  private static void report(Engine engine, Scheduler scheduler, int brokers, long now) {
    List<Group> perTopic = engine.groupBy(MESSAGES_IN, Collections.singletonMap("cluster", "demo"),
        Collections.singletonList("topic"), Aggregation.SUM, now - 60_000, now, 2000);
    StringBuilder line = new StringBuilder("messages in/s (sum over brokers, last value):");
    for (Group g : perTopic) line.append(String.format(" %s=%.0f", g.labels.get("topic"), last(g.data.values)));
    System.out.println(line);
    StringBuilder states = new StringBuilder("targets:");
    for (int b = 0; b < brokers; b++) {
      Scheduler.Status s = scheduler.status(b);
      states.append(String.format(" %s %s%s", s.name, s.state, s.state == Scheduler.State.DOWN ? " (" + s.lastError + ")" : ""));
    }
    System.out.println(states);
    System.out.println(engine.stats());
  }

  private static double last(double[] values) {
    for (int i = values.length - 1; i >= 0; i--) if (!Double.isNaN(values[i])) return values[i];
    return Double.NaN;
  }
}
