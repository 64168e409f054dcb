package org.doflamingo.engine;

/**
 * Routes the engine's spdlog records to SLF4J (logger "org.doflamingo.engine.native") when SLF4J
 * is on the class path; without it (the jar used alone) the engine keeps writing to stderr.
 */
final class EngineLog {
  // Held for the life of the JVM: native code calls it from its own threads at any time.
  private static Object installed;

  private EngineLog() {}

  static synchronized void install() {
    if (installed != null) return;
    try {
      Class.forName("org.slf4j.LoggerFactory", false, EngineLog.class.getClassLoader());
    } catch (ClassNotFoundException noSlf4j) {
      installed = Boolean.FALSE;
      return;
    }
    installed = Slf4jLogHandler.install();
  }
}
