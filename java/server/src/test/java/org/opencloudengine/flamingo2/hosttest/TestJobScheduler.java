package org.opencloudengine.flamingo2.hosttest;

import java.util.Collections;
import java.util.concurrent.atomic.AtomicLong;
import javax.annotation.PostConstruct;
import org.quartz.JobBuilder;
import org.quartz.JobDetail;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.SimpleScheduleBuilder;
import org.quartz.Trigger;
import org.quartz.TriggerBuilder;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Component;

/** Schedules {@link TestJob} on Flamingo's quartzJobScheduler at start-up, as a module does, and counts its runs. */
@Component
public class TestJobScheduler {
  private final Scheduler scheduler;
  private final AtomicLong runs = new AtomicLong();

  @Autowired
  public TestJobScheduler(@Qualifier("quartzJobScheduler") Scheduler scheduler) {
    this.scheduler = scheduler;
  }

  @PostConstruct
  void schedule() throws SchedulerException {
    JobDetail job = JobBuilder.newJob(TestJob.class).withIdentity("hosttest", "hosttest").build();
    Trigger every200ms = TriggerBuilder.newTrigger().withIdentity("hosttest", "hosttest").startNow()
        .withSchedule(SimpleScheduleBuilder.simpleSchedule().withIntervalInMilliseconds(200).repeatForever()).build();
    // replace: in Flamingo's JDBC job store the job of a host that was killed is still there
    scheduler.scheduleJob(job, Collections.singleton(every200ms), true);
  }

  long ran() {
    return runs.incrementAndGet();
  }

  long runs() {
    return runs.get();
  }
}
