package org.doflamingo.engine;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.doflamingo.engine.jni.DoflamingoNative;
import org.doflamingo.engine.jni.LogHandler;
import org.junit.jupiter.api.Test;

/** The engine's spdlog records reach the Java side, from the caller's and the engine's threads. */
class LogRoutingTest {
  static final class Capture extends LogHandler {
    final List<String> lines = new CopyOnWriteArrayList<>();

    @Override
    public void log(int level, byte[] message) {
      lines.add(level + " " + new String(message, StandardCharsets.UTF_8));
    }
  }

  @Test
  void engineRecordsArriveThroughTheHandler() throws Exception {
    Engine.open(EngineConfig.at(TestDirs.fresh("log-warmup"))).close(); // loads the library
    Capture capture = new Capture();
    DoflamingoNative.setLogHandler(capture, 0);
    try {
      java.nio.file.Path dir = TestDirs.fresh("log");
      try (Engine engine = Engine.open(EngineConfig.at(dir))) {
        int id = engine.intern(SeriesKey.of("log.test", "group", "한글 \uD83D\uDE00"), SeriesKind.GAUGE);
        long t = System.currentTimeMillis() / 2000 * 2000 - 60_000;
        engine.ingest(new SampleBatch(1).add(id, t, 1));
      }
      assertTrue(capture.lines.stream().anyMatch(l -> l.startsWith("2 engine open at " + dir.toAbsolutePath())), capture.lines.toString());
      assertTrue(capture.lines.stream().anyMatch(l -> l.contains("closed")), capture.lines.toString());
    } finally {
      Slf4jLogHandler.install();
    }
  }

  @Test
  void aThrowingHandlerCostsTheRecordNotTheProcess() throws Exception {
    Engine.open(EngineConfig.at(TestDirs.fresh("log-warmup"))).close();
    LogHandler throwing = new LogHandler() {
      @Override
      public void log(int level, byte[] message) {
        throw new IllegalStateException("handler bug");
      }
    };
    DoflamingoNative.setLogHandler(throwing, 0);
    try (Engine engine = Engine.open(EngineConfig.at(TestDirs.fresh("log-throwing")))) {
      int id = engine.intern(SeriesKey.of("still.works"), SeriesKind.GAUGE);
      engine.ingest(new SampleBatch(1).add(id, System.currentTimeMillis() / 2000 * 2000 - 60_000, 1));
      assertTrue(engine.stats().logRecordsDropped > 0, engine.stats().toString());
    } finally {
      Slf4jLogHandler.install();
    }
  }
}
