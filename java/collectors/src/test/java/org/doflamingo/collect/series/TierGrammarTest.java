package org.doflamingo.collect.series;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.doflamingo.config.TierSpec;
import org.doflamingo.engine.Engine;
import org.doflamingo.engine.EngineConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The configuration reads tiers by the native parser's rules (TierSpec, so a file is checked
 * without the engine): both must accept and refuse the same texts, or a configuration passes its
 * check and then fails to open the engine, or is refused for nothing.
 */
class TierGrammarTest {
  @TempDir
  Path dir;

  private static final List<String> TEXTS = Arrays.asList(
      // accepted
      "2s:1d", "2s:1d,1m:14d,15m:180d,1h:5y", "10s:6h,15m:30d,1d:5y", "30s:1d,1h:30d", "1m:1w", "5s:1y", "2s:2s",
      // refused
      "", "2s", "2s:", ":1d", "2x:1d", "0s:1d", "2s:0d", "2s:1s", "1m:1d,30s:2d", "2s:1d,3s:2d", "2s:1d,1m:1d", "2s:1d,",
      "2s:1d,,1m:2d", "-2s:1d", "2S:1d", "2s:1d ", " 2s:1d", "2s:1d;1m:2d", "s:1d", "2:1d", "2s:1d:1m", "9999999999s:1y");

  @Test
  void theConfigurationAndTheEngineAcceptTheSameTiers() throws Exception {
    List<String> differ = new ArrayList<>();
    int accepted = 0;
    for (String text : TEXTS) {
      boolean java = javaAccepts(text);
      boolean engine = engineAccepts(text);
      if (java != engine) differ.add("'" + text + "': configuration " + (java ? "accepts" : "refuses") + ", engine " + (engine ? "accepts" : "refuses"));
      if (java) accepted++;
    }
    assertEquals(new ArrayList<String>(), differ);
    assertEquals(7, accepted, "the first seven are good tiers");
  }

  private static boolean javaAccepts(String text) {
    try {
      TierSpec.parse(text);
      return true;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  private boolean engineAccepts(String text) throws Exception {
    Path data = Files.createTempDirectory(dir, "engine-");
    try (Engine e = Engine.open(EngineConfig.at(data).tiers(text).liveWindowSeconds(0))) {
      return true;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }
}
