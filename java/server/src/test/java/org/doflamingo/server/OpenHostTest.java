package org.doflamingo.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.Socket;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.quartz.Scheduler;
import org.quartz.simpl.RAMJobStore;
import org.springframework.web.context.WebApplicationContext;

/**
 * The host as Flamingo 2 would run a module, open on loopback (no users): the test beans in
 * org.opencloudengine.flamingo2.hosttest stand for a module.
 */
class OpenHostTest {
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
  void moduleControllerAnswersTheResponseEnvelope() throws Exception {
    HttpResponse<String> r = host.get("/monitoring/test/hello?clusterName=prod");
    assertEquals(200, r.statusCode(), r.body());
    assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("application/json"), r.headers().toString());
    JsonNode body = StandInHost.json(r);
    assertTrue(body.get("success").asBoolean());
    assertEquals("hello prod", body.get("object").asText());
    for (String field : List.of("total", "limit", "start", "error", "map", "list")) assertTrue(body.has(field), field + " in " + body);
    assertTrue(body.get("map").get("user").isNull(), "no principal (anonymous), yet let in: " + body);
  }

  /** Flamingo's Response through Flamingo's converter; flamingo-module's ResponseJsonTest holds the module's class to the same text. */
  @Test
  void theEnvelopeIsWrittenAsFlamingoWritesIt() throws Exception {
    assertEquals("{\n"
        + "  \"success\" : true,\n"
        + "  \"total\" : 0,\n"
        + "  \"limit\" : 0,\n"
        + "  \"start\" : 0,\n"
        + "  \"error\" : {\n"
        + "    \"id\" : null,\n"
        + "    \"code\" : null,\n"
        + "    \"message\" : null,\n"
        + "    \"cause\" : null,\n"
        + "    \"exception\" : null\n"
        + "  },\n"
        + "  \"map\" : {\n"
        + "    \"user\" : null\n"
        + "  },\n"
        + "  \"list\" : [ ],\n"
        + "  \"object\" : \"hello prod\"\n"
        + "}", host.get("/monitoring/test/hello?clusterName=prod").body());
  }

  @Test
  void menuHasMonitoringAndTheModulesRows() throws Exception {
    HttpResponse<String> r = host.get("/menu");
    assertEquals(200, r.statusCode(), r.body());
    JsonNode body = StandInHost.json(r);
    List<String> ids = new ArrayList<>();
    body.get("list").forEach(row -> ids.add(row.get("MENU_ID").asText()));
    assertEquals(List.of("MN001", "MN001901", "MN001902"), ids, "parent first, then by SORT_ORDR");
    assertEquals(3, body.get("total").asInt());
    JsonNode first = body.get("list").get(1);
    assertEquals("hosttest.First", first.get("MENU_NS").asText());
    assertEquals("MN001", first.get("PRNTS_MENU_ID").asText());
    assertEquals(901, first.get("SORT_ORDR").asInt());
    assertEquals("호스트 시험", first.get("MENU_NM_ko_KR").asText(), "UTF-8 from the SQL file to the JSON");
    assertEquals("主机测试", first.get("MENU_NM_zh_CN").asText());
  }

  @Test
  void quartzRunsTheModulesJobAndStompDeliversItsPushes() throws Exception {
    try (StompTestClient stomp = host.stomp()) {
      stomp.subscribe("/topic/test");
      StompTestClient.Frame pushed = stomp.nextMessage(Duration.ofSeconds(10));
      assertEquals("/topic/test", pushed.header("destination"));
      assertTrue(pushed.body().matches("\\{\"run\":\\d+}"), pushed.body());
      stomp.subscribe("/topic/test-util");
      StompTestClient.Frame viaUtil;
      do {
        viaUtil = stomp.nextMessage(Duration.ofSeconds(10));
      } while (!viaUtil.header("destination").equals("/topic/test-util"));
      assertTrue(viaUtil.body().matches("run \\d+"), viaUtil.body());
    }
    assertTrue(StandInHost.json(host.get("/monitoring/test/jobRuns")).get("object").asLong() > 0);
  }

  @Test
  void theSchedulerIsFlamingos() throws Exception {
    WebApplicationContext dispatcher = host.host().dispatcherContext();
    Scheduler scheduler = dispatcher.getBean("quartzJobScheduler", Scheduler.class);
    assertEquals("scheduler", scheduler.getSchedulerName());
    assertTrue(scheduler.isStarted());
    assertEquals(RAMJobStore.class, scheduler.getMetaData().getJobStoreClass());
    assertSame(dispatcher, scheduler.getContext().get("CTX"), "jobs find the beans through CTX");
  }

  @Test
  void sockJsInfoAnswers() throws Exception {
    HttpResponse<String> r = host.get("/websocket/info");
    assertEquals(200, r.statusCode(), r.body());
    assertTrue(StandInHost.json(r).get("websocket").asBoolean(), r.body());
  }

  @Test
  void sockJsHttpPollingCarriesStompToo() throws Exception {
    // the fallback a browser takes when WebSockets are blocked: long polls held open asynchronously
    String session = "/websocket/000/" + UUID.randomUUID().toString().replace("-", "");
    assertEquals("o\n", post(session + "/xhr", "").body());
    String connect = new ObjectMapper().writeValueAsString(List.of("CONNECT\naccept-version:1.2\nhost:localhost\n\n\0"));
    assertEquals(204, post(session + "/xhr_send", connect).statusCode());
    HttpResponse<String> poll = post(session + "/xhr", "");
    assertEquals(200, poll.statusCode());
    assertTrue(poll.body().startsWith("a[\"CONNECTED\\n"), poll.body());
  }

  private static HttpResponse<String> post(String path, String body) throws Exception {
    return host.send(host.request(path).header("Content-Type", "text/plain;charset=UTF-8")
        .POST(HttpRequest.BodyPublishers.ofString(body)).build());
  }

  @Test
  void staticFilesComeFromClassPathResourceFolders() throws Exception {
    HttpResponse<String> r = host.get("/hosttest/hello.txt");
    assertEquals(200, r.statusCode());
    assertEquals("static file from a class path META-INF/resources folder\n", r.body());
    assertEquals(404, host.get("/hosttest/missing.txt").statusCode());
  }

  @Test
  void withoutPagesTheRootListsTheEndpointsEscaped() throws Exception {
    HttpResponse<String> r = host.get("/");
    assertEquals(200, r.statusCode());
    assertTrue(r.body().contains("<li>GET /menu</li>"), r.body());
    assertTrue(r.body().contains("<li>GET /monitoring/test/hello</li>"), r.body());
    assertTrue(r.body().contains("<li>GET /monitoring/test/&lt;b&gt;&amp;</li>"), r.body());
    assertFalse(r.body().contains("<b>"), r.body());
  }

  @Test
  void suffixesDoNotSlipPastTheSecurityRules() throws Exception {
    assertEquals(404, host.get("/menu.json").statusCode());
  }

  @Test
  void onlyLoopbackNamesAreAnswered() throws Exception {
    int port = host.host().port();
    assertTrue(rawGet("/menu", "localhost:" + port).startsWith("HTTP/1.1 200"));
    assertTrue(rawGet("/menu", "[::1]:" + port).startsWith("HTTP/1.1 200"));
    String rebound = rawGet("/menu", "attacker.example:" + port);
    assertTrue(rebound.startsWith("HTTP/1.1 403"), "a DNS-rebound name: " + rebound);
    assertTrue(rebound.contains("web.users"), rebound);
    assertTrue(rawGet("/", "127.0.0.1.attacker.example").startsWith("HTTP/1.1 403"));
  }

  /** A request with a Host header of our choosing (java.net.http does not let one set it). */
  private static String rawGet(String path, String hostHeader) throws Exception {
    try (Socket s = new Socket("127.0.0.1", host.host().port())) {
      s.setSoTimeout(10_000);
      s.getOutputStream().write(("GET " + path + " HTTP/1.1\r\nHost: " + hostHeader + "\r\nConnection: close\r\n\r\n")
          .getBytes(StandardCharsets.US_ASCII));
      return new String(s.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  @Test
  void loginIsNotNeeded() throws Exception {
    HttpResponse<String> r = host.get("/login");
    assertEquals(302, r.statusCode());
    assertTrue(r.headers().firstValue("Location").orElse("").endsWith("/"), r.headers().toString());
  }
}
