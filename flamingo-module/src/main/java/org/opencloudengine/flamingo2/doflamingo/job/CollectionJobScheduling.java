package org.opencloudengine.flamingo2.doflamingo.job;

import java.util.Collections;
import org.opencloudengine.flamingo2.doflamingo.DoflamingoMonitor;
import org.quartz.JobBuilder;
import org.quartz.JobDetail;
import org.quartz.JobKey;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.SimpleScheduleBuilder;
import org.quartz.Trigger;
import org.quartz.TriggerBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Component;

/**
 * Puts {@link CollectionJob} on the host's {@code quartzJobScheduler} at start-up and takes it off
 * at shutdown, so installing the module needs no edit of Flamingo's applicationContext-engine.xml.
 *
 * <p>The trigger fires every {@value #BEAT_MS} ms: the monitor's own scheduler decides which target
 * is due (each on its interval, with jitter and backoff), the beat only bounds how late a due
 * scrape can start. Missed beats are skipped, never replayed in a burst. With Flamingo's JDBC job
 * store each beat is a small transaction on its Quartz tables.
 */
@Component
public class CollectionJobScheduling implements InitializingBean, DisposableBean {
  static final JobKey JOB = JobKey.jobKey("collect", "doflamingo");
  static final long BEAT_MS = 500;

  private static final Logger log = LoggerFactory.getLogger(CollectionJobScheduling.class);

  private final Scheduler scheduler;
  private final DoflamingoMonitor monitor;
  private boolean scheduled;

  @Autowired
  public CollectionJobScheduling(@Qualifier("quartzJobScheduler") Scheduler scheduler, DoflamingoMonitor monitor) {
    this.scheduler = scheduler;
    this.monitor = monitor;
  }

  /**
   * Never throws: a job store that refuses the job (Flamingo's MySQL down, its Quartz tables
   * missing) leaves Doflamingo without collection, said in the log, and Flamingo starting.
   */
  @Override
  public void afterPropertiesSet() {
    try {
      if (monitor.orNull() == null) {
        // a JDBC job store may still hold the job of an earlier run: it would fire for nothing
        scheduler.deleteJob(JOB);
        log.warn("Doflamingo's collection job not scheduled: the monitor is not running (see the error above)");
        return;
      }
      schedule();
    } catch (SchedulerException | RuntimeException e) {
      log.error("Doflamingo's collection job could not be put on quartzJobScheduler: {}; Doflamingo collects nothing"
          + " until Flamingo is restarted with a working job store", e.toString(), e);
    }
  }

  private void schedule() throws SchedulerException {
    scheduler.getContext().put(CollectionJob.MONITOR_KEY, monitor);
    JobDetail job = JobBuilder.newJob(CollectionJob.class).withIdentity(JOB)
        .withDescription("Doflamingo: starts the scrapes that are due").requestRecovery(false).build();
    Trigger beat = TriggerBuilder.newTrigger().withIdentity("collect-beat", JOB.getGroup()).forJob(job)
        .withSchedule(SimpleScheduleBuilder.simpleSchedule().withIntervalInMilliseconds(BEAT_MS).repeatForever()
            .withMisfireHandlingInstructionNextWithRemainingCount())
        .build();
    // replace: a JDBC job store may still hold the job from a run that ended without shutdown
    scheduler.scheduleJob(job, Collections.singleton(beat), true);
    scheduled = true;
    log.info("Doflamingo's collection job scheduled on quartzJobScheduler every {} ms", BEAT_MS);
  }

  @Override
  public void destroy() throws SchedulerException {
    if (!scheduled) return;
    scheduled = false;
    if (!scheduler.isShutdown()) scheduler.deleteJob(JOB);
    scheduler.getContext().remove(CollectionJob.MONITOR_KEY);
  }
}
