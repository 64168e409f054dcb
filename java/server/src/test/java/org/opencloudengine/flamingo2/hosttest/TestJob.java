package org.opencloudengine.flamingo2.hosttest;

import org.quartz.JobExecutionContext;
import org.quartz.JobExecutionException;
import org.quartz.SchedulerException;
import org.springframework.context.ApplicationContext;
import org.springframework.scheduling.quartz.QuartzJobBean;

/** A module's job: finds its beans through the scheduler context's "CTX" entry, counts, pushes. */
public class TestJob extends QuartzJobBean {
  @Override
  protected void executeInternal(JobExecutionContext context) throws JobExecutionException {
    ApplicationContext ctx;
    try {
      ctx = (ApplicationContext) context.getScheduler().getContext().get("CTX");
    } catch (SchedulerException e) {
      throw new JobExecutionException(e);
    }
    long run = ctx.getBean(TestJobScheduler.class).ran();
    ctx.getBean(TestPusher.class).push(run);
  }
}
