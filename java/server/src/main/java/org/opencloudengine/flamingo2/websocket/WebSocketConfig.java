package org.opencloudengine.flamingo2.websocket;

import org.springframework.context.annotation.Configuration;
import org.springframework.messaging.simp.config.MessageBrokerRegistry;
import org.springframework.web.socket.config.annotation.AbstractWebSocketMessageBrokerConfigurer;
import org.springframework.web.socket.config.annotation.EnableWebSocketMessageBroker;
import org.springframework.web.socket.config.annotation.StompEndpointRegistry;
import org.springframework.web.socket.config.annotation.WebSocketTransportRegistration;

/**
 * The stand-in host's version of Flamingo 2's STOMP set-up (same package and class name, found by
 * the same component scan): a simple broker on {@code /topic}, application destinations under
 * {@code /app}, the SockJS endpoint {@code /websocket} with Flamingo's handshake interceptor
 * (each handshake becomes the user's websocketKey). Pages subscribe to {@code /topic/...} and,
 * for their user's own messages, {@code /user/topic/...}; beans push through {@link WebSocketUtil}.
 *
 * <p>Unlike Flamingo's, the limits on what a client may leave unread are set explicitly, so a slow
 * or stalled browser costs a bounded amount of memory and is then disconnected (it reconnects and
 * reloads what it missed over REST).
 */
@Configuration
@EnableWebSocketMessageBroker
public class WebSocketConfig extends AbstractWebSocketMessageBrokerConfigurer {
  /**
   * Frames queued for one WebSocket client that has not taken them yet. A push of a page's live
   * series is a few KB every 2 s, so this is minutes of backlog; past it the session is closed.
   */
  static final int SEND_BUFFER_BYTES = 512 * 1024;
  /** A single send that blocks this long means the client is gone or stalled: close it. Five push intervals. */
  static final int SEND_TIME_LIMIT_MS = 10_000;
  /** Inbound frames are STOMP commands (CONNECT, SUBSCRIBE), a few hundred bytes. */
  static final int INBOUND_MESSAGE_BYTES = 64 * 1024;
  /** SockJS HTTP streaming: bytes sent on one response before the client must open a new one. */
  static final int STREAM_BYTES = 128 * 1024;
  /** SockJS HTTP polling: messages held for a client between two polls; more closes the session. */
  static final int HTTP_MESSAGE_CACHE = 100;
  /** SockJS: a client without a receiving request for this long is considered gone. */
  static final long DISCONNECT_DELAY_MS = 5_000;

  @Override
  public void configureMessageBroker(MessageBrokerRegistry config) {
    config.enableSimpleBroker("/topic");
    config.setApplicationDestinationPrefixes("/app");
  }

  @Override
  public void registerStompEndpoints(StompEndpointRegistry registry) {
    registry.addEndpoint("/websocket").withSockJS()
        .setInterceptors(new WebSocketHandshakeInterceptor())
        .setStreamBytesLimit(STREAM_BYTES)
        .setHttpMessageCacheSize(HTTP_MESSAGE_CACHE)
        .setDisconnectDelay(DISCONNECT_DELAY_MS);
  }

  @Override
  public void configureWebSocketTransport(WebSocketTransportRegistration registration) {
    registration.setSendBufferSizeLimit(SEND_BUFFER_BYTES)
        .setSendTimeLimit(SEND_TIME_LIMIT_MS)
        .setMessageSizeLimit(INBOUND_MESSAGE_BYTES);
  }
}
