package org.doflamingo.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.File;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Collections;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** kill -9 during ingest loses no acknowledged sample. */
class CrashRecoveryTest {
  @Test
  void everyAcknowledgedSampleSurvivesKillMinus9() throws Exception {
    Path dir = TestDirs.fresh("crash");
    long t0 = System.currentTimeMillis() / 2000 * 2000 - 3_600_000;
    String java = System.getProperty("java.home") + File.separator + "bin" + File.separator + "java";
    Process child = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
        CrashIngestChild.class.getName(), dir.toString(), Long.toString(t0))
        .redirectError(ProcessBuilder.Redirect.INHERIT)
        .start();
    int lastAck = -1;
    try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      // Kill it while it is busy: well after flushers have started writing RRD files.
      while (lastAck < 400 && (line = out.readLine()) != null) {
        if (line.startsWith("ACK ")) lastAck = Integer.parseInt(line.substring(4));
      }
      child.destroyForcibly(); // SIGKILL on Linux: no shutdown hook, no close()
      assertTrue(child.waitFor(30, TimeUnit.SECONDS), "child did not die");
    } finally {
      child.destroyForcibly();
    }
    assertEquals(137, child.exitValue(), "the child must die of SIGKILL, not exit by itself");
    assertTrue(lastAck >= 400, "the child acknowledged only " + lastAck + " batches");

    try (Engine engine = Engine.open(EngineConfig.at(dir))) {
      assertTrue(engine.stats().replayedSamples > 0, "the journal held unwritten samples: " + engine.stats());
      int[] ids = engine.select("crash.test", Collections.emptyMap());
      assertEquals(CrashIngestChild.SERIES, ids.length);
      long from = CrashIngestChild.time(t0, 0) - 2000;
      long to = CrashIngestChild.time(t0, lastAck);
      int missing = 0;
      for (int id : ids) {
        int s = Integer.parseInt(engine.key(id).label("s"));
        SeriesData d = engine.query(id, from, to, 2000);
        for (int b = 0; b <= lastAck; b++) {
          double v = d.valueAt(CrashIngestChild.time(t0, b));
          if (v != CrashIngestChild.expected(b, s)) missing++;
        }
      }
      assertEquals(0, missing, "acknowledged samples lost or wrong after kill -9 and restart");
    }
  }
}
