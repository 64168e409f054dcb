package org.opencloudengine.flamingo2.hosttest;

import java.security.Principal;
import org.doflamingo.server.web.Response;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** A module's controller as Flamingo 2 has them: under /monitoring, answering the Response envelope. */
@RestController
@RequestMapping("/monitoring/test")
public class HostTestController {
  private final TestJobScheduler jobs;

  @Autowired
  public HostTestController(TestJobScheduler jobs) {
    this.jobs = jobs;
  }

  @RequestMapping(value = "/hello", method = RequestMethod.GET)
  public Response hello(@RequestParam(value = "clusterName", defaultValue = "none") String clusterName, Principal user) {
    Response r = Response.ofObject("hello " + clusterName);
    r.getMap().put("user", user == null ? null : user.getName());
    return r;
  }

  /** How often the test job has run on the host's Quartz scheduler. */
  @RequestMapping(value = "/jobRuns", method = RequestMethod.GET)
  public Response jobRuns() {
    return Response.ofObject(jobs.runs());
  }

  /** Only listed on the host's index page, whose escaping it checks. */
  @RequestMapping(value = "/<b>&", method = RequestMethod.GET)
  public Response oddlyNamed() {
    return Response.ofObject("odd");
  }
}
