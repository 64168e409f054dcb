package org.doflamingo.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.CookieManager;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocketHandshakeException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The host with users configured: ROLE_USER only after a login, by form or HTTP Basic. */
class SecuredHostTest {
  static final String USER = "alice";
  static final String PASSWORD = "correct horse";
  static StandInHost host;

  @BeforeAll
  static void start() throws Exception {
    host = StandInHost.withUser(USER, PASSWORD);
  }

  @AfterAll
  static void stop() {
    if (host != null) host.close();
  }

  @Test
  void restNeedsCredentials() throws Exception {
    for (String path : new String[] {"/monitoring/test/hello", "/menu", "/menu/", "/websocket/info"}) {
      HttpResponse<String> r = host.get(path);
      assertEquals(401, r.statusCode(), path);
      assertEquals("Basic realm=\"Doflamingo\"", r.headers().firstValue("WWW-Authenticate").orElse(""), path);
    }
    assertEquals(401, host.get("/menu", "Authorization", StandInHost.basic(USER, "wrong")).statusCode());
  }

  @Test
  void basicAuthLetsIn() throws Exception {
    HttpResponse<String> r = host.get("/monitoring/test/hello", "Authorization", StandInHost.basic(USER, PASSWORD));
    assertEquals(200, r.statusCode(), r.body());
    assertEquals(USER, StandInHost.json(r).get("map").get("user").asText());
    assertEquals(200, host.get("/menu", "Authorization", StandInHost.basic(USER, PASSWORD)).statusCode());
  }

  @Test
  void staticFilesAndTheLoginPageAreOpen() throws Exception {
    assertEquals(200, host.get("/hosttest/hello.txt").statusCode());
    assertEquals(200, host.get("/").statusCode());
    HttpResponse<String> login = host.get("/login");
    assertEquals(200, login.statusCode());
    assertTrue(login.body().contains("action=\"/j_spring_security_check\""), login.body());
  }

  @Test
  void aBrowserIsSentToTheLoginFormAndLogsIn() throws Exception {
    HttpResponse<String> page = host.get("/menu", "Accept", "text/html,application/xhtml+xml,*/*;q=0.8");
    assertEquals(302, page.statusCode());
    assertTrue(page.headers().firstValue("Location").orElse("").endsWith("/login"), page.headers().toString());

    HttpClient browser = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();
    HttpResponse<String> wrong = browser.send(form("username=alice&password=nope"), HttpResponse.BodyHandlers.ofString());
    assertTrue(wrong.headers().firstValue("Location").orElse("").endsWith("/login?error"), wrong.headers().toString());
    HttpResponse<String> ok = browser.send(form("username=alice&password=correct+horse"), HttpResponse.BodyHandlers.ofString());
    assertEquals(302, ok.statusCode());
    assertFalse(ok.headers().firstValue("Location").orElse("").contains("error"), ok.headers().toString());
    assertTrue(ok.headers().firstValue("Set-Cookie").orElse("").contains("HttpOnly"), ok.headers().toString());
    HttpResponse<String> menu = browser.send(host.request("/menu").GET().build(), HttpResponse.BodyHandlers.ofString());
    assertEquals(200, menu.statusCode(), "the session cookie carries the login");
  }

  @Test
  void stompNeedsCredentialsOnTheHandshake() throws Exception {
    ExecutionException refused = assertThrows(ExecutionException.class, host::stomp);
    assertTrue(refused.getCause() instanceof WebSocketHandshakeException, refused.toString());
    assertEquals(401, ((WebSocketHandshakeException) refused.getCause()).getResponse().statusCode());
    try (StompTestClient stomp = host.stomp(USER, PASSWORD)) {
      stomp.subscribe("/topic/test");
      assertTrue(stomp.nextMessage(Duration.ofSeconds(10)).body().startsWith("{\"run\":"));
    }
  }

  private static HttpRequest form(String body) {
    return host.request("/j_spring_security_check").header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)).build();
  }
}
