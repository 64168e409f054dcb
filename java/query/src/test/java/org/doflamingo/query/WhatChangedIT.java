package org.doflamingo.query;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.doflamingo.cluster.KafkaBroker;
import org.doflamingo.cluster.KafkaCluster;
import org.doflamingo.cluster.MonitorJson;
import org.doflamingo.cluster.ZooKeeperEnsemble;
import org.doflamingo.collect.CollectionService;
import org.doflamingo.collect.Monitor;
import org.doflamingo.config.MonitorConfig;
import org.doflamingo.engine.Scheduler;
import org.junit.jupiter.api.Test;

/**
 * "What changed" around a real fault: a broker of a 3-broker cluster killed while Doflamingo
 * watches it; ranked around the kill a few intervals later, the killed broker's series (its
 * target's up series: its own MBeans fall silent) and UnderReplicatedPartitions of the brokers
 * left are among the top 10.
 */
class WhatChangedIT {
  private static final String CLUSTER = "wc";
  private static final long INTERVAL_MS = 2000;
  private static final String URP = "kafka.server.ReplicaManager.UnderReplicatedPartitions";

  @Test
  void aKilledBrokerAndUnderReplicationRankInTheTopTen() throws Exception {
    Path base = Paths.get("target", "it", "what-changed");
    Files.createDirectories(base);
    try (ZooKeeperEnsemble zk = ZooKeeperEnsemble.start(base, 1); KafkaCluster kafka = KafkaCluster.start(base, zk, 3)) {
      // every broker leads some partitions and follows others: a dead one leaves the others under-replicated
      try (Admin admin = kafka.admin()) {
        admin.createTopics(Collections.singletonList(new NewTopic("orders", 6, (short) 3))).all().get(60, TimeUnit.SECONDS);
      }
      Path storage = Files.createTempDirectory(base, "storage-");
      String json = MonitorJson.of(storage, (int) (INTERVAL_MS / 1000), CLUSTER, zk, kafka, Collections.emptyList());
      try (Monitor monitor = Monitor.open(MonitorConfig.parse(json), System.currentTimeMillis())) {
        Reads reads = new Reads(monitor);
        tickUntil(monitor, "every target up and read", Duration.ofSeconds(120), () -> {
          for (Monitor.Target t : monitor.targets()) {
            if (monitor.status(t.id).state != Scheduler.State.UP || monitor.pending(t.id) != null) return false;
          }
          return true;
        });
        // a baseline: 30 s of every series (15 points, 3 times the minimum a window needs)
        tickFor(monitor, Duration.ofSeconds(30));

        KafkaBroker victim = kafka.broker(2);
        String victimTarget = null;
        for (Monitor.Target t : monitor.targets()) {
          if ("kafka-broker".equals(t.system) && String.valueOf(victim.id()).equals(t.member)) victimTarget = t.upLabel;
        }
        long killedAt = System.currentTimeMillis();
        victim.kill();
        // a few intervals past the broker's ZooKeeper session (6 s): the controller has shrunk the ISRs
        tickFor(monitor, Duration.ofSeconds(30));

        Changes changes = reads.area(Area.KAFKA).changes(CLUSTER, null, killedAt, 0, 0, 20);
        List<String> top = new ArrayList<>();
        int victimRank = -1;
        int urpRank = -1;
        for (int i = 0; i < changes.rows.size(); i++) {
          ChangeRow r = changes.rows.get(i);
          top.add(i + 1 + ". " + r.metric + r.labels + " " + r.direction + " " + r.shape + " score " + r.score + " ("
              + r.medianBefore + " -> " + r.medianAfter + ")");
          boolean ofVictim = String.valueOf(victim.id()).equals(r.labels.get("broker"))
              || (CollectionService.UP_SERIES.equals(r.metric) && victimTarget != null && victimTarget.equals(r.labels.get("target")));
          if (ofVictim && victimRank < 0) victimRank = i;
          if (URP.equals(r.metric) && !String.valueOf(victim.id()).equals(r.labels.get("broker")) && urpRank < 0) urpRank = i;
        }
        String shown = "ranked " + changes.ranked + ", skipped " + changes.skipped + ":\n  " + String.join("\n  ", top);
        assertTrue(victimRank >= 0 && victimRank < 10, "the killed broker's series in the top 10; " + shown);
        assertTrue(urpRank >= 0 && urpRank < 10, "UnderReplicatedPartitions of a broker left in the top 10; " + shown);
        System.out.println("What changed around the kill of broker " + victim.id() + ", " + shown);
      }
    }
  }

  private static void tickFor(Monitor monitor, Duration d) {
    long end = System.currentTimeMillis() + d.toMillis();
    tickUntil(monitor, "time to pass", d.plusSeconds(5), () -> System.currentTimeMillis() >= end);
  }

  private static void tickUntil(Monitor monitor, String what, Duration timeout, BooleanSupplier done) {
    long deadline = System.currentTimeMillis() + timeout.toMillis();
    while (System.currentTimeMillis() < deadline) {
      monitor.tick(System.currentTimeMillis());
      if (done.getAsBoolean()) return;
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError("interrupted waiting for " + what);
      }
    }
    throw new AssertionError("timed out after " + timeout.toMillis() + " ms waiting for " + what);
  }
}
