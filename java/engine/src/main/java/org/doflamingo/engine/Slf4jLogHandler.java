package org.doflamingo.engine;

import java.nio.charset.StandardCharsets;
import org.doflamingo.engine.jni.DoflamingoNative;
import org.doflamingo.engine.jni.LogHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The SWIG director that receives the engine's log records and hands them to SLF4J. */
final class Slf4jLogHandler extends LogHandler {
  static final String LOGGER = "org.doflamingo.engine.native";
  private static final Logger LOG = LoggerFactory.getLogger(LOGGER);

  private Slf4jLogHandler() {}

  static Slf4jLogHandler install() {
    Slf4jLogHandler handler = new Slf4jLogHandler();
    int level = LOG.isTraceEnabled() ? 0 : LOG.isDebugEnabled() ? 1 : LOG.isInfoEnabled() ? 2 : LOG.isWarnEnabled() ? 3 : 4;
    DoflamingoNative.setLogHandler(handler, level);
    return handler;
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
