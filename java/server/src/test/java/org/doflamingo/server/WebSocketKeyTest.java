package org.doflamingo.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.opencloudengine.flamingo2.hosttest.HostTestController;

/**
 * Flamingo's per-user messages at the STOMP level: the last SockJS handshake of a browser session
 * is its websocketKey, and a message to that key reaches only that connection. So a second
 * connection from the same session (what the pages opened before they used Flamingo's) takes the
 * user's messages away from Flamingo's, and a reconnect of Flamingo's own takes them back.
 * webapp/test/flamingo-socket.test.mjs shows the pages in a browser opening no second one.
 */
class WebSocketKeyTest {
  private static final String USER_DESTINATION = "/user" + HostTestController.USER_TOPIC;
  static StandInHost host;

  @BeforeAll
  static void start() throws Exception {
    host = StandInHost.open();
  }

  @AfterAll
  static void stop() {
    if (host != null) host.close();
  }

  @Test
  void aUsersMessageGoesToTheLastHandshakeOfTheSession() throws Exception {
    Map<String, String> cookie = Map.of("Cookie", sessionCookie());
    try (StompTestClient flamingo = StompTestClient.connect(host.uri("/websocket"), cookie)) {
      flamingo.subscribe(USER_DESTINATION);
      assertEquals("one", tell(cookie, "one", flamingo));

      try (StompTestClient second = StompTestClient.connect(host.uri("/websocket"), cookie)) {
        tellNoWait(cookie, "two");
        assertThrows(AssertionError.class, () -> flamingo.nextMessage(Duration.ofSeconds(2)),
            "a second handshake of the session took the key: Flamingo's connection hears nothing");
      }
    }
    // Flamingo reconnects: its new handshake is the key again
    try (StompTestClient again = StompTestClient.connect(host.uri("/websocket"), cookie)) {
      again.subscribe(USER_DESTINATION);
      assertEquals("three", tell(cookie, "three", again));
    }
  }

  @Test
  void anotherSessionsConnectionHearsNoneOfIt() throws Exception {
    Map<String, String> mine = Map.of("Cookie", sessionCookie());
    Map<String, String> theirs = Map.of("Cookie", sessionCookie());
    try (StompTestClient me = StompTestClient.connect(host.uri("/websocket"), mine);
        StompTestClient them = StompTestClient.connect(host.uri("/websocket"), theirs)) {
      me.subscribe(USER_DESTINATION);
      them.subscribe(USER_DESTINATION);
      assertEquals("mine", tell(mine, "mine", me));
      assertThrows(AssertionError.class, () -> them.nextMessage(Duration.ofSeconds(1)));
    }
  }

  /** A new HTTP session, as a login gives one: its cookie. */
  private static String sessionCookie() throws Exception {
    HttpResponse<String> r = host.get("/monitoring/test/session");
    assertEquals(200, r.statusCode(), r.body());
    return r.headers().firstValue("Set-Cookie").orElseThrow().split(";")[0];
  }

  /** Sends {@code text} to the session's key; the body {@code to} receives. The subscription may still be on its way: retried. */
  private static String tell(Map<String, String> cookie, String text, StompTestClient to) throws Exception {
    for (int attempt = 0; attempt < 20; attempt++) {
      tellNoWait(cookie, text);
      try {
        return to.nextMessage(Duration.ofMillis(500)).body();
      } catch (AssertionError notYet) {
        // the SUBSCRIBE frame had not reached the broker yet
      }
    }
    throw new AssertionError("\"" + text + "\" never arrived");
  }

  private static void tellNoWait(Map<String, String> cookie, String text) throws Exception {
    HttpResponse<String> r = host.send(host.request("/monitoring/test/tellMe?text=" + text).header("Cookie", cookie.get("Cookie"))
        .POST(HttpRequest.BodyPublishers.noBody()).build());
    assertEquals(200, r.statusCode(), r.body());
  }
}
