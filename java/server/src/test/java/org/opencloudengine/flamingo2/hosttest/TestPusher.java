package org.opencloudengine.flamingo2.hosttest;

import java.util.Map;
import org.opencloudengine.flamingo2.websocket.WebSocketUtil;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.messaging.simp.SimpMessagingTemplate;
import org.springframework.stereotype.Component;

/** Pushes to STOMP subscribers the two ways a module can: the messaging template, Flamingo's WebSocketUtil. */
@Component
public class TestPusher {
  public static final String TOPIC = "/topic/test";
  public static final String UTIL_TOPIC = "/topic/test-util";
  private final SimpMessagingTemplate template;
  private final WebSocketUtil util;

  @Autowired
  public TestPusher(SimpMessagingTemplate template, WebSocketUtil util) {
    this.template = template;
    this.util = util;
  }

  void push(long run) {
    template.convertAndSend(TOPIC, Map.of("run", run));
    util.pushNotification(UTIL_TOPIC, "run " + run);
  }
}
