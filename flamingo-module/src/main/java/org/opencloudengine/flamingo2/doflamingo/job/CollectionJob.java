package org.opencloudengine.flamingo2.doflamingo.job;

import org.doflamingo.collect.Monitor;
import org.opencloudengine.flamingo2.doflamingo.DoflamingoMonitor;
import org.quartz.DisallowConcurrentExecution;
import org.quartz.JobExecutionContext;
import org.springframework.scheduling.quartz.QuartzJobBean;

/**
 * Quartz's beat for the collectors: each firing starts the scrapes that are due and returns at
 * once (they run on the monitor's own workers, so a hung target never holds a Quartz thread). The
 * monitor arrives through the scheduler context ({@link QuartzJobBean} sets it as a property), not
 * the job data map: nothing of it is ever written to Flamingo's JDBC job store.
 */
@DisallowConcurrentExecution
public class CollectionJob extends QuartzJobBean {
  /** Scheduler-context key; the property name {@link #setDoflamingoMonitor} receives it under. */
  static final String MONITOR_KEY = "doflamingoMonitor";

  private DoflamingoMonitor doflamingoMonitor;

  public void setDoflamingoMonitor(DoflamingoMonitor doflamingoMonitor) {
    this.doflamingoMonitor = doflamingoMonitor;
  }

  @Override
  protected void executeInternal(JobExecutionContext context) {
    Monitor monitor = doflamingoMonitor == null ? null : doflamingoMonitor.orNull();
    if (monitor != null) monitor.tick(System.currentTimeMillis());
  }
}
