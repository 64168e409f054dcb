package org.opencloudengine.flamingo2.doflamingo.job;

import java.util.concurrent.atomic.AtomicReference;
import org.doflamingo.collect.Monitor;
import org.opencloudengine.flamingo2.doflamingo.DoflamingoMonitor;
import org.quartz.DisallowConcurrentExecution;
import org.quartz.JobExecutionContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.quartz.QuartzJobBean;

/**
 * Quartz's beat for the collectors: each firing starts the scrapes that are due and returns at
 * once (they run on the monitor's own workers, so a hung target never holds a Quartz thread). The
 * monitor arrives through the scheduler context ({@link QuartzJobBean} sets it as a property), not
 * the job data map: nothing of it is ever written to Flamingo's JDBC job store. Nothing is thrown
 * into Quartz: without a monitor (Doflamingo not running, or a job left in the JDBC store by an
 * earlier run) a firing does nothing, and a failed beat is logged once until a beat succeeds again.
 */
@DisallowConcurrentExecution
public class CollectionJob extends QuartzJobBean {
  /** Scheduler-context key; the property name {@link #setDoflamingoMonitor} receives it under. */
  static final String MONITOR_KEY = "doflamingoMonitor";

  private static final Logger log = LoggerFactory.getLogger(CollectionJob.class);
  /** The last beat's failure; static because Quartz makes a new job instance for every firing. */
  private static final AtomicReference<String> lastFailure = new AtomicReference<>();

  private DoflamingoMonitor doflamingoMonitor;

  public void setDoflamingoMonitor(DoflamingoMonitor doflamingoMonitor) {
    this.doflamingoMonitor = doflamingoMonitor;
  }

  @Override
  protected void executeInternal(JobExecutionContext context) {
    Monitor monitor = doflamingoMonitor == null ? null : doflamingoMonitor.orNull();
    if (monitor == null) return;
    try {
      long now = System.currentTimeMillis();
      monitor.tick(now);
      doflamingoMonitor.afterBeat(now);
      lastFailure.set(null);
    } catch (RuntimeException | LinkageError e) {
      String failure = e.toString();
      if (!failure.equals(lastFailure.getAndSet(failure))) {
        log.error("Doflamingo's collection beat failed (logged again only when the failure changes)", e);
      }
    }
  }
}
