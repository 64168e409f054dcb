package org.doflamingo.engine;

import java.nio.charset.StandardCharsets;
import org.doflamingo.engine.jni.DoflamingoNative;
import org.doflamingo.engine.jni.LogHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Routes the engine's spdlog records to SLF4J (logger "org.doflamingo.engine.native"). */
final class EngineLog extends LogHandler {
  private static final Logger LOG = LoggerFactory.getLogger("org.doflamingo.engine.native");
  // Held for the life of the JVM: native code calls it from its own threads at any time.
  private static EngineLog installed;

  private EngineLog() {}

  static synchronized void install() {
    if (installed != null) return;
    installed = new EngineLog();
    int level = LOG.isTraceEnabled() ? 0 : LOG.isDebugEnabled() ? 1 : LOG.isInfoEnabled() ? 2 : LOG.isWarnEnabled() ? 3 : 4;
    DoflamingoNative.setLogHandler(installed, level);
  }

  @Override
  public void log(int level, byte[] message) {
    String text = new String(message, StandardCharsets.UTF_8);
    switch (level) {
      case 0:
        LOG.trace(text);
        break;
      case 1:
        LOG.debug(text);
        break;
      case 2:
        LOG.info(text);
        break;
      case 3:
        LOG.warn(text);
        break;
      default:
        LOG.error(text);
        break;
    }
  }
}
