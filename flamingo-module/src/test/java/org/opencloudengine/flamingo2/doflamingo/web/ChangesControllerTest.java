package org.opencloudengine.flamingo2.doflamingo.web;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasSize;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.file.Path;
import org.doflamingo.collect.Monitor;
import org.doflamingo.engine.SeriesKey;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.opencloudengine.flamingo2.doflamingo.DoflamingoMonitor;
import org.opencloudengine.flamingo2.doflamingo.TestMonitors;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;

/** {@code GET /monitoring/{area}/changes}: the area's series ranked around a moment, and a 400 naming a bad argument. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ChangesControllerTest {
  @TempDir
  static Path dir;
  private DoflamingoMonitor monitor;
  private MockMvc mvc;
  private long at;

  @BeforeAll
  void start() throws Exception {
    monitor = TestMonitors.open(dir);
    Monitor m = monitor.get();
    long step = m.engine().baseStepMs();
    long t0 = System.currentTimeMillis() / step * step - 26 * 60_000L;
    at = t0 + 600 * step;
    SeriesKey urp = SeriesKey.of("kafka.server.ReplicaManager.UnderReplicatedPartitions", "cluster", "prod", "broker", "2");
    SeriesKey size = SeriesKey.of("kafka.log.Log.Size", "cluster", "prod", "broker", "1", "topic", "<b>audit</b>", "partition", "0");
    SeriesKey zk = SeriesKey.of("zookeeper.server_state", "ensemble", "zk", "server", "127.0.0.1:2181");
    for (int k = 0; k < 600 + 150; k++) {
      TestMonitors.write(m, t0 + k * step, urp, k <= 600 ? 0 : 140, size, 1000 + Math.sin(k), zk, k <= 600 ? 2 : 1);
    }
    mvc = MockMvcBuilders.standaloneSetup(new KafkaController(monitor), new ZooKeeperController(monitor)).build();
  }

  @AfterAll
  void stop() {
    monitor.destroy();
  }

  @Test
  void ranksTheAreasSeriesAroundTheMoment() throws Exception {
    mvc.perform(get("/monitoring/kafka/changes").param("at", String.valueOf(at)).param("clusterName", "prod"))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.success").value(true))
        .andExpect(jsonPath("$.object.at").value(at))
        .andExpect(jsonPath("$.object.before").value(600_000))
        .andExpect(jsonPath("$.object.after").value(300_000))
        .andExpect(jsonPath("$.object.ranked").value(2))
        .andExpect(jsonPath("$.object.rows", hasSize(2)))
        .andExpect(jsonPath("$.object.rows[0].metric").value("kafka.server.ReplicaManager.UnderReplicatedPartitions"))
        .andExpect(jsonPath("$.object.rows[0].labels.broker").value("2"))
        .andExpect(jsonPath("$.object.rows[0].score").value(100.0))
        .andExpect(jsonPath("$.object.rows[0].medianBefore").value(0.0))
        .andExpect(jsonPath("$.object.rows[0].medianAfter").value(140.0))
        .andExpect(jsonPath("$.object.rows[0].direction").value("up"))
        .andExpect(jsonPath("$.object.rows[0].shape").value("step"))
        .andExpect(jsonPath("$.object.rows[0].kind").value("gauge"))
        .andExpect(jsonPath("$.object.rows[0].description").exists())
        .andExpect(jsonPath("$.object.rows[1].labels.topic").value("<b>audit</b>"))
        .andExpect(jsonPath("$.object.rows[1].unit").value("bytes"));
    // another area ranks its own series only
    mvc.perform(get("/monitoring/zookeeper/changes").param("at", String.valueOf(at)).param("limit", "5"))
        .andExpect(jsonPath("$.object.rows", hasSize(1)))
        .andExpect(jsonPath("$.object.rows[0].metric").value("zookeeper.server_state"))
        .andExpect(jsonPath("$.object.rows[0].direction").value("down"));
  }

  @Test
  void badArgumentsAreA400NamingTheParameter() throws Exception {
    mvc.perform(get("/monitoring/kafka/changes")).andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.error.message").value("at: is required"));
    mvc.perform(get("/monitoring/kafka/changes").param("at", "-1")).andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.error.message", containsString("at:")));
    mvc.perform(get("/monitoring/kafka/changes").param("at", String.valueOf(at)).param("limit", "0"))
        .andExpect(status().isBadRequest()).andExpect(jsonPath("$.error.message", containsString("limit:")));
    mvc.perform(get("/monitoring/kafka/changes").param("at", String.valueOf(at)).param("before", "-5"))
        .andExpect(status().isBadRequest()).andExpect(jsonPath("$.error.message", containsString("before:")));
    mvc.perform(get("/monitoring/kafka/changes").param("at", String.valueOf(at)).param("after", String.valueOf(2 * 86_400_000L)))
        .andExpect(status().isBadRequest()).andExpect(jsonPath("$.error.message", containsString("after:")));
    mvc.perform(get("/monitoring/kafka/changes").param("at", "noon")).andExpect(status().isBadRequest());
  }
}
