package org.opencloudengine.flamingo2.doflamingo;

import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import org.doflamingo.collect.Monitor;
import org.doflamingo.config.ConfigException;
import org.doflamingo.config.FlumeAgentConfig;
import org.doflamingo.config.MonitorConfig;
import org.doflamingo.query.Reads;
import org.opencloudengine.flamingo2.doflamingo.job.HealthJudge;
import org.doflamingo.query.flume.FlumeTopologies;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.stereotype.Component;

/**
 * The module's one {@link Monitor} and its read side ({@link Reads}, which lives exactly as long):
 * opened when the host's context starts, closed when it stops.
 * Its configuration is the JSON file named by system property {@value #CONFIG_PROPERTY}, else
 * environment variable {@value #CONFIG_ENV}, else {@value #DEFAULT_CONFIG}. A missing or bad
 * configuration, storage that cannot be opened, a native library or class that does not load
 * never stop the host (Flamingo has other work to do): the failure is logged once with its cause
 * and what to do ({@link StartFailure}), and every REST answer carries it as the reason Doflamingo
 * is not running. (Spring's lifecycle interfaces
 * rather than {@code @PostConstruct}: JDK 11+ hosts need not carry javax.annotation.)
 */
@Component
public class DoflamingoMonitor implements InitializingBean, DisposableBean {
  public static final String CONFIG_PROPERTY = "doflamingo.config";
  public static final String CONFIG_ENV = "DOFLAMINGO_CONFIG";
  public static final String DEFAULT_CONFIG = "/etc/doflamingo/doflamingo.json";

  private static final Logger log = LoggerFactory.getLogger(DoflamingoMonitor.class);

  private volatile Monitor monitor;
  private volatile Reads reads;
  private volatile HealthJudge health;
  private volatile String notRunning = "not started yet";

  @Override
  public void afterPropertiesSet() {
    Path file = configFile();
    try {
      MonitorConfig config = MonitorConfig.load(file);
      Monitor m = Monitor.open(config, System.currentTimeMillis());
      try {
        reads = new Reads(m);
      } catch (RuntimeException | LinkageError e) {
        m.close();
        throw e;
      }
      health = new HealthJudge(m, reads);
      monitor = m;
      notRunning = null;
      log.info("Doflamingo watching {} targets from {}, history under {}", monitor.targets().size(), file, config.storagePath);
      unusableFlumeFiles(config);
    } catch (ConfigException e) {
      notRunning = "configuration " + file + ": " + e.getMessage();
      log.error("Doflamingo is not running: {}", notRunning);
    } catch (RuntimeException | LinkageError e) {
      // storage that cannot be opened, a native library or class that does not load: never the host's failure
      notRunning = StartFailure.reason(e);
      log.error("Doflamingo is not running: {}; Flamingo runs on without it", notRunning, e);
    }
  }

  /**
   * The Flume agents' {@code configFile}s that cannot be used now, each error naming its field; said
   * once at start as a warning. Never a reason not to run: those agents' metrics are collected as
   * any other's, and their flow graph falls back to assumed wiring (the graph repeats the error
   * while it lasts, and picks the file up once it is readable).
   */
  public static List<String> unusableFlumeFiles(MonitorConfig config) {
    FlumeTopologies files = new FlumeTopologies();
    List<String> errors = new ArrayList<>();
    for (FlumeAgentConfig f : config.flume) {
      String error = files.get(f).error;
      if (error == null) continue;
      errors.add(error);
      log.warn("Doflamingo: {}; the agent's metrics are collected, its flow graph assumes how it is wired", error);
    }
    return errors;
  }

  static Path configFile() {
    String property = System.getProperty(CONFIG_PROPERTY);
    if (property != null && !property.isEmpty()) return Paths.get(property);
    String env = System.getenv(CONFIG_ENV);
    if (env != null && !env.isEmpty()) return Paths.get(env);
    return Paths.get(DEFAULT_CONFIG);
  }

  /** The running monitor; throws {@link NotRunningException} with the reason when there is none. */
  public Monitor get() {
    Monitor m = monitor;
    if (m == null) throw new NotRunningException("Doflamingo is not running: " + notRunning);
    return m;
  }

  /** The running monitor's read side; throws {@link NotRunningException} with the reason when there is none. */
  public Reads reads() {
    Reads r = reads;
    if (r == null || monitor == null) throw new NotRunningException("Doflamingo is not running: " + notRunning);
    return r;
  }

  /** The running monitor's read side or null. */
  public Reads readsOrNull() {
    return monitor == null ? null : reads;
  }

  /** The running monitor or null. */
  public Monitor orNull() {
    return monitor;
  }

  /** After each collection beat: the health tiles' colour changes become events (once an interval). */
  public void afterBeat(long nowMs) {
    HealthJudge h = health;
    if (h != null && monitor != null) h.afterBeat(nowMs);
  }

  @Override
  public void destroy() {
    Monitor m = monitor;
    monitor = null;
    reads = null;
    notRunning = "stopped";
    HealthJudge h = health;
    health = null;
    if (h != null) h.close();
    if (m != null) {
      m.close();
      log.info("Doflamingo stopped; buffered values written back");
    }
  }
}
