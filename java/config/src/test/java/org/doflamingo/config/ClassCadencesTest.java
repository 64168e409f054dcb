package org.doflamingo.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** A level's class against the cadence that feeds it: an error where nothing would be kept, a warning where reads are wasted. */
class ClassCadencesTest {
  private static MonitorConfig with(String cluster, String series) throws ConfigException {
    return MonitorConfig.parse("{\"storage\": {\"path\": \"data\"}, \"kafka\": [{\"name\": \"prod\", \"brokers\": [{\"host\": \"k1\","
        + " \"jmxPort\": 9999, \"bootstrap\": \"k1:9092\"}]" + cluster + "}], \"series\": " + series + "}");
  }

  @Test
  void theDefaultsFitWithNoWarning() throws Exception {
    assertTrue(with("", "{}").warnings.isEmpty(), with("", "{}").warnings.toString());
  }

  @Test
  void aCadenceBeyondTheHeartbeatIsAOneLineErrorNamingTheField() {
    // partitions every 30 s (default) into a 5 s class: heartbeat 25 s, every row unknown
    ConfigException e = assertThrows(ConfigException.class, () -> with("", "{\"classes\": {\"partition\": {\"tiers\": \"5s:1d\"}}}"));
    assertEquals("kafka[0].partitionIntervalSeconds", e.field());
    assertEquals("kafka[0].partitionIntervalSeconds: 30 s is longer than the heartbeat of retention class 'partition' (5s:1d: 5 × 5 s"
        + " = 25 s), so every row would be unknown; collect at least every 25 s or give series.classes.partition a base step of at"
        + " least 6 s", e.getMessage());
    assertTrue(!e.getMessage().contains("\n"), "one line");
    e = assertThrows(ConfigException.class, () -> with(", \"groupIntervalSeconds\": 60", "{}"));
    assertEquals("kafka[0].groupIntervalSeconds", e.field(), "the group class's 10 s step: 50 s heartbeat");
  }

  @Test
  void aClassCoarserThanItsCadenceWarns() throws Exception {
    MonitorConfig c = with("", "{\"classes\": {\"group\": {\"tiers\": \"1m:1d,1h:5y\"}}}");
    assertEquals(1, c.warnings.size(), c.warnings.toString());
    assertEquals("kafka[0].groupIntervalSeconds is 10 s but retention class 'group' (1m:1d,1h:5y) keeps one row per 60 s:"
        + " reads are averaged, the extra ones are wasted", c.warnings.get(0));
    // a coarser cadence that stays within the heartbeat is fine
    assertTrue(with(", \"partitionIntervalSeconds\": 60", "{}").warnings.isEmpty());
  }
}
