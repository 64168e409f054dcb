package org.opencloudengine.flamingo2.websocket;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.messaging.simp.SimpMessageHeaderAccessor;
import org.springframework.messaging.simp.SimpMessageType;
import org.springframework.messaging.simp.SimpMessagingTemplate;
import org.springframework.stereotype.Component;

/**
 * The stand-in host's version of Flamingo 2's push helper. {@link #pushNotification} sends to every
 * subscriber of a destination; {@link #PushNotification} (Flamingo's name, capital P) sends to one
 * user's connection, the SockJS session whose id is the user's websocketKey
 * ({@link WebSocketHandshakeInterceptor}): addressed as a user whose name is that session id, which
 * Spring's user destination resolver delivers to exactly that session's {@code /user/...}
 * subscription. Strings go as they are; other objects as JSON.
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

  /**
   * @param websocketKey the user's HTTP session attribute {@value WebSocketHandshakeInterceptor#KEY}
   * @param destination e.g. {@code /topic/hive}; the user's page subscribes to {@code /user/topic/hive}
   */
  public void PushNotification(String websocketKey, String destination, Object message) {
    SimpMessageHeaderAccessor headers = SimpMessageHeaderAccessor.create(SimpMessageType.MESSAGE);
    headers.setSessionId(websocketKey);
    headers.setLeaveMutable(true);
    template.convertAndSendToUser(websocketKey, destination, message, headers.getMessageHeaders());
  }
}
