package org.opencloudengine.flamingo2.websocket;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.messaging.simp.SimpMessagingTemplate;
import org.springframework.stereotype.Component;

/**
 * The stand-in host's version of Flamingo 2's push helper: sends a message to every STOMP
 * subscriber of a destination. Strings go as they are; other objects as JSON.
 */
@Component
public class WebSocketUtil {
  private final SimpMessagingTemplate template;

  @Autowired
  public WebSocketUtil(SimpMessagingTemplate template) {
    this.template = template;
  }

  /** @param destination a broker destination, e.g. {@code /topic/doflamingo/kafka} */
  public void pushNotification(String destination, Object message) {
    template.convertAndSend(destination, message);
  }
}
