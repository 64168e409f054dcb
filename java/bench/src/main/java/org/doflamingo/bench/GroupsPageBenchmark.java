package org.doflamingo.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.doflamingo.engine.Engine;
import org.doflamingo.server.Host;
import org.doflamingo.server.WebConfig;

/**
 * The consumer-groups page in Chromium at scale: the standalone server (with the module) whose
 * engine holds the series of {@code --groups} consumer groups and of the partitions, fed every
 * base step as {@link ListsBenchmark} feeds them (the Admin collector's series and labels, every
 * value current), and {@code webapp/bench/groups.bench.mjs} driving the Kafka page's Consumer
 * groups tab in headless Chromium against it: first rows, sort, filter as you type (see the
 * script). The defaults are the scale harness's {@code --small} shape (5,040 groups, 2,000
 * partitions), without its brokers: what is measured is the page and the lag list behind it.
 *
 * <pre>GroupsPageBenchmark [--groups 5040] [--topics 100] [--partitions 20] [--rounds 10]</pre>
 * Run from java/bench (the script is found at ../../webapp/bench); needs node and the webapp's
 * {@code npm ci} (playwright-core) and Chromium (webapp/test/install-chromium.sh).
 */
public final class GroupsPageBenchmark {
  /** The longest the browser may take for every round: a hung page must not hang the command. */
  private static final long SCRIPT_TIMEOUT_MINUTES = 10;

  private GroupsPageBenchmark() {}

  public static void main(String[] args) throws Exception {
    int groups = 5_040;
    int topics = 100;
    int partitionsPerTopic = 20;
    int rounds = 10;
    for (int i = 0; i < args.length; i++) {
      if (i + 1 >= args.length) throw new IllegalArgumentException(args[i] + " needs a value");
      switch (args[i]) {
        case "--groups": groups = Integer.parseInt(args[++i]); break;
        case "--topics": topics = Integer.parseInt(args[++i]); break;
        case "--partitions": partitionsPerTopic = Integer.parseInt(args[++i]); break;
        case "--rounds": rounds = Integer.parseInt(args[++i]); break;
        default: throw new IllegalArgumentException("unknown argument " + args[i]);
      }
    }
    Path script = Paths.get("..", "..", "webapp", "bench", "groups.bench.mjs").toAbsolutePath().normalize();
    if (!Files.exists(script)) throw new IllegalStateException(script + " not found: run from java/bench");
    Path storage = ListsBenchmark.configure();
    ScheduledExecutorService feeder = Executors.newSingleThreadScheduledExecutor();
    int exit;
    try (Host host = Host.start(WebConfig.defaults(), 0)) {
      Engine engine = HostedMonitor.of(host).engine();
      ListsBenchmark.Feed feed = new ListsBenchmark.Feed(engine, groups, topics, partitionsPerTopic);
      System.out.printf("interned %,d series (%,d groups, %,d partitions in %d topics)%n", feed.ids.length, groups,
          topics * partitionsPerTopic, topics);
      long step = engine.baseStepMs();
      feed.write(System.currentTimeMillis());
      feeder.scheduleAtFixedRate(() -> feed.write(System.currentTimeMillis()), step, step, TimeUnit.MILLISECONDS);
      Process node = new ProcessBuilder("node", script.toString(), host.uri().toString(), String.valueOf(rounds)).inheritIO().start();
      try {
        if (!node.waitFor(SCRIPT_TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
          System.out.println("the page did not finish within " + SCRIPT_TIMEOUT_MINUTES + " minutes");
        }
      } finally {
        if (node.isAlive()) node.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
      }
      exit = node.isAlive() ? 1 : node.exitValue();
      // the feed stops before the host closes the engine under it
      feeder.shutdownNow();
      feeder.awaitTermination(30, TimeUnit.SECONDS);
    } finally {
      feeder.shutdownNow();
      feeder.awaitTermination(30, TimeUnit.SECONDS);
      System.clearProperty("doflamingo.config");
      ListsBenchmark.delete(storage);
    }
    if (exit != 0) System.exit(exit);
  }
}
