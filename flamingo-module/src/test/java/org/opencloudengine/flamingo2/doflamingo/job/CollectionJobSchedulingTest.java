package org.opencloudengine.flamingo2.doflamingo.job;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Properties;
import org.doflamingo.collect.Monitor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opencloudengine.flamingo2.doflamingo.DoflamingoMonitor;
import org.opencloudengine.flamingo2.doflamingo.TestMonitors;
import org.quartz.Scheduler;
import org.quartz.impl.StdSchedulerFactory;

/** The job on a real Quartz scheduler, as Flamingo's quartzJobScheduler runs it. */
class CollectionJobSchedulingTest {
  @TempDir
  Path dir;

  @Test
  void theJobTicksTheMonitorAndLeavesWithTheModule() throws Exception {
    Properties p = new Properties();
    p.setProperty("org.quartz.scheduler.instanceName", "test-" + System.nanoTime());
    p.setProperty("org.quartz.threadPool.threadCount", "2");
    p.setProperty("org.quartz.jobStore.class", "org.quartz.simpl.RAMJobStore");
    Scheduler quartz = new StdSchedulerFactory(p).getScheduler();
    quartz.start();
    DoflamingoMonitor monitor = TestMonitors.open(dir);
    try {
      CollectionJobScheduling scheduling = new CollectionJobScheduling(quartz, monitor);
      scheduling.afterPropertiesSet();
      assertTrue(quartz.checkExists(CollectionJobScheduling.JOB));
      Monitor m = monitor.get();
      long deadline = System.currentTimeMillis() + 10_000;
      boolean attempted = false;
      while (!attempted && System.currentTimeMillis() < deadline) {
        Thread.sleep(100);
        attempted = true;
        for (Monitor.Target t : m.targets()) attempted &= m.status(t.id).attempts > 0;
      }
      assertTrue(attempted, "every target scraped (and failed: nothing listens) through the job");
      scheduling.destroy();
      assertFalse(quartz.checkExists(CollectionJobScheduling.JOB));
      assertFalse(quartz.getContext().containsKey(CollectionJob.MONITOR_KEY));
    } finally {
      monitor.destroy();
      quartz.shutdown(true);
    }
  }

  @Test
  void noJobWithoutARunningMonitor() throws Exception {
    System.setProperty(DoflamingoMonitor.CONFIG_PROPERTY, dir.resolve("absent.json").toString());
    DoflamingoMonitor monitor = new DoflamingoMonitor();
    try {
      monitor.afterPropertiesSet();
    } finally {
      System.clearProperty(DoflamingoMonitor.CONFIG_PROPERTY);
    }
    Properties p = new Properties();
    p.setProperty("org.quartz.scheduler.instanceName", "test-" + System.nanoTime());
    p.setProperty("org.quartz.threadPool.threadCount", "1");
    Scheduler quartz = new StdSchedulerFactory(p).getScheduler();
    try {
      CollectionJobScheduling scheduling = new CollectionJobScheduling(quartz, monitor);
      scheduling.afterPropertiesSet();
      assertFalse(quartz.checkExists(CollectionJobScheduling.JOB));
      scheduling.destroy();
    } finally {
      quartz.shutdown();
    }
  }
}
