package org.opencloudengine.flamingo2.websocket;

import java.util.Map;
import javax.servlet.http.HttpSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.server.ServerHttpRequest;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.http.server.ServletServerHttpRequest;
import org.springframework.web.socket.WebSocketHandler;
import org.springframework.web.socket.server.support.HttpSessionHandshakeInterceptor;

/**
 * What Flamingo 2's interceptor of the same name does on every SockJS handshake: the SockJS
 * session id (the path's next-to-last segment, {@code /websocket/<server>/<session>/<transport>})
 * becomes the HTTP session's {@value #KEY}, the address Flamingo sends the user's own messages to
 * ({@link WebSocketUtil#PushNotification}). The last handshake of a browser session wins, which is
 * why a page inside Flamingo must not open a connection of its own. Flamingo's also copies the key
 * into its {@code user} session object, which this host does not have.
 *
 * <p>Flamingo's users always have an HTTP session (they logged in); this host, open on loopback,
 * may be reached without one, so one is made here rather than refusing the handshake.
 */
public class WebSocketHandshakeInterceptor extends HttpSessionHandshakeInterceptor {
  /** The HTTP session attribute, as Flamingo names it. */
  public static final String KEY = "websocketKey";
  private static final Logger log = LoggerFactory.getLogger(WebSocketHandshakeInterceptor.class);

  @Override
  public boolean beforeHandshake(ServerHttpRequest request, ServerHttpResponse response, WebSocketHandler handler,
      Map<String, Object> attributes) throws Exception {
    String[] path = request.getURI().getPath().split("/");
    if (!(request instanceof ServletServerHttpRequest) || path.length < 2) return false;
    HttpSession session = ((ServletServerHttpRequest) request).getServletRequest().getSession(true);
    String key = path[path.length - 2];
    session.setAttribute(KEY, key);
    log.debug("SockJS handshake: websocketKey {}", key);
    return super.beforeHandshake(request, response, handler, attributes);
  }
}
