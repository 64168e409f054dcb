package org.opencloudengine.flamingo2.hosttest;

import java.security.Principal;
import javax.servlet.http.HttpSession;
import org.doflamingo.server.web.Response;
import org.opencloudengine.flamingo2.websocket.WebSocketHandshakeInterceptor;
import org.opencloudengine.flamingo2.websocket.WebSocketUtil;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** A module's controller as Flamingo 2 has them: under /monitoring, answering the Response envelope. */
@RestController
@RequestMapping("/monitoring/test")
public class HostTestController {
  /** Where Flamingo's Hive editor sends a user its query log; its page subscribes to /user/topic/hive. */
  public static final String USER_TOPIC = "/topic/hive";
  private final TestJobScheduler jobs;
  private final WebSocketUtil util;

  @Autowired
  public HostTestController(TestJobScheduler jobs, WebSocketUtil util) {
    this.jobs = jobs;
    this.util = util;
  }

  /** The caller's HTTP session, made now if need be (Flamingo's users have one from their login); answers its id. */
  @RequestMapping(value = "/session", method = RequestMethod.GET)
  public Response session(HttpSession session) {
    return Response.ofObject(session.getId());
  }

  /**
   * A message for the caller alone, sent to the session's websocketKey as Flamingo's Hive, Pig and
   * workflow services send theirs; answers the key it went to (null: no SockJS handshake yet).
   */
  @RequestMapping(value = "/tellMe", method = RequestMethod.POST)
  public Response tellMe(@RequestParam("text") String text, HttpSession session) {
    String key = (String) session.getAttribute(WebSocketHandshakeInterceptor.KEY);
    if (key != null) util.PushNotification(key, USER_TOPIC, text);
    return Response.ofObject(key);
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
