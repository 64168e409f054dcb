package org.opencloudengine.flamingo2.doflamingo.web;

import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasSize;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.file.Path;
import java.util.Arrays;
import org.doflamingo.collect.Monitor;
import org.doflamingo.collect.events.MonitorEvents;
import org.doflamingo.engine.Event;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.opencloudengine.flamingo2.doflamingo.DoflamingoMonitor;
import org.opencloudengine.flamingo2.doflamingo.TestMonitors;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;

/** {@code /monitoring/<area>/events} through Spring MVC over a real engine's event log. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EventsControllerTest {
  @TempDir
  static Path dir;
  private DoflamingoMonitor monitor;
  private MockMvc mvc;
  private long t;

  @BeforeAll
  void start() throws Exception {
    monitor = TestMonitors.open(dir);
    Monitor m = monitor.get();
    t = System.currentTimeMillis();
    MonitorEvents events = m.events();
    events.record(Event.at(t - 60_000, "kafka", "target.down", Event.Severity.CRITICAL).label("cluster", "prod")
        .label("broker", "1").change("UP", "DOWN").message("connection refused").build());
    events.record(Event.at(t - 50_000, "kafka", "partition.leader", Event.Severity.WARNING).label("cluster", "prod")
        .label("topic", "<b>audit</b>").change("1", "2").burst(140, Arrays.asList("<b>audit</b>-0", "<b>audit</b>-1")).build());
    events.record(Event.at(t - 40_000, "kafka", "target.up", Event.Severity.INFO).label("cluster", "prod")
        .label("broker", "1").change("DOWN", "UP").build());
    events.record(Event.at(t - 30_000, "kafka", "group.status", Event.Severity.WARNING).label("cluster", "test")
        .label("group", "billing").change("OK", "STALL").build());
    events.record(Event.at(t - 20_000, "zookeeper", "zookeeper.leader", Event.Severity.WARNING).label("ensemble", "zk")
        .label("server", "127.0.0.1:2181").change("follower", "leader").build());
    events.flush();
    mvc = MockMvcBuilders.standaloneSetup(new KafkaController(monitor), new ZooKeeperController(monitor),
        new FlumeController(monitor)).build();
  }

  @AfterAll
  void stop() {
    monitor.destroy();
  }

  @Test
  void anAreasEventsComeNewestFirstWithDoflamingosOwnInTheEnvelope() throws Exception {
    mvc.perform(get("/monitoring/kafka/events").param("from", String.valueOf(t - 3_600_000)).param("to", String.valueOf(t + 60_000)))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.success").value(true))
        .andExpect(jsonPath("$.total").value(5))
        .andExpect(jsonPath("$.start").value(0))
        .andExpect(jsonPath("$.limit").value(100))
        // the monitor's start (stamped when it opened, after the test's events' times) is the newest
        .andExpect(jsonPath("$.list[*].kind", contains("doflamingo.start", "group.status", "target.up", "partition.leader",
            "target.down")))
        .andExpect(jsonPath("$.list[3].labels.topic").value("<b>audit</b>"))
        .andExpect(jsonPath("$.list[3].count").value(140))
        .andExpect(jsonPath("$.list[3].members[0]").value("<b>audit</b>-0"))
        .andExpect(jsonPath("$.list[4].severity").value("CRITICAL"))
        .andExpect(jsonPath("$.list[4].before").value("UP"))
        .andExpect(jsonPath("$.list[4].after").value("DOWN"))
        .andExpect(jsonPath("$.list[4].message").value("connection refused"))
        .andExpect(jsonPath("$.list[4].time").value(t - 60_000))
        .andExpect(jsonPath("$.list[4].id").exists());
    mvc.perform(get("/monitoring/zookeeper/events"))  // the last day by default
        .andExpect(jsonPath("$.list[*].kind", contains("doflamingo.start", "zookeeper.leader")));
  }

  @Test
  void kindsSeverityAndTheEntityFilter() throws Exception {
    mvc.perform(get("/monitoring/kafka/events").param("kinds", "target.down,target.up"))
        .andExpect(jsonPath("$.list[*].kind", contains("target.up", "target.down")));
    mvc.perform(get("/monitoring/kafka/events").param("kinds", "target.down").param("kinds", "group.status"))
        .andExpect(jsonPath("$.total").value(2));
    mvc.perform(get("/monitoring/kafka/events").param("severity", "warning"))
        .andExpect(jsonPath("$.list[*].kind", contains("group.status", "partition.leader", "target.down")));
    // Doflamingo's own start passes every entity filter: it is about every chart
    mvc.perform(get("/monitoring/kafka/events").param("broker", "1"))
        .andExpect(jsonPath("$.list[*].kind", contains("doflamingo.start", "target.up", "target.down")));
    mvc.perform(get("/monitoring/kafka/events").param("clusterName", "test"))
        .andExpect(jsonPath("$.list[*].kind", contains("doflamingo.start", "group.status")));
    mvc.perform(get("/monitoring/kafka/events").param("label", "topic=<b>audit</b>").param("kinds", "partition.leader"))
        .andExpect(jsonPath("$.total").value(1));
    mvc.perform(get("/monitoring/kafka/events").param("start", "1").param("limit", "2"))
        .andExpect(jsonPath("$.total").value(5))
        .andExpect(jsonPath("$.list", hasSize(2)))
        .andExpect(jsonPath("$.list[*].kind", contains("group.status", "target.up")));
  }

  @Test
  void badArgumentsAreA400NamingTheParameter() throws Exception {
    mvc.perform(get("/monitoring/kafka/events").param("severity", "loud")).andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.success").value(false))
        .andExpect(jsonPath("$.error.message", containsString("severity")));
    mvc.perform(get("/monitoring/kafka/events").param("from", "2000").param("to", "1000")).andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.error.message", containsString("to")));
    mvc.perform(get("/monitoring/kafka/events").param("limit", "0")).andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.error.message", containsString("limit")));
    mvc.perform(get("/monitoring/kafka/events").param("from", "yesterday")).andExpect(status().isBadRequest());
    mvc.perform(get("/monitoring/kafka/events").param("label", "topic")).andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.error.message", containsString("label")));
  }
}
