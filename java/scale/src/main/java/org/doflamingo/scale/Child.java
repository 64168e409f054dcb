package org.doflamingo.scale;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.doflamingo.cluster.launch.Watchdog;

/**
 * One process the harness runs beside the cluster (a peer, the load JVM), output to a log file,
 * with its wall time and its peak resident memory (VmHWM of it and its descendants, sampled every
 * 100 ms). Java children start through java/cluster's {@link Watchdog}, so they halt when the
 * harness dies even by kill -9; every child still running when the harness exits is killed, with
 * its descendants, by a shutdown hook.
 */
final class Child implements AutoCloseable {
  private static final Set<Child> LIVE = ConcurrentHashMap.newKeySet();

  static {
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      for (Child c : LIVE) c.kill();
    }, "scale-child-reaper"));
  }

  /** How a run ended. */
  static final class Result {
    final int exitCode;
    final double wallMs;
    final long peakRssBytes;
    final Path log;

    Result(int exitCode, double wallMs, long peakRssBytes, Path log) {
      this.exitCode = exitCode;
      this.wallMs = wallMs;
      this.peakRssBytes = peakRssBytes;
      this.log = log;
    }

    String output() throws IOException {
      return new String(Files.readAllBytes(log), java.nio.charset.StandardCharsets.UTF_8);
    }
  }

  private final String name;
  private final Process process;
  private final Path log;
  private final long startNanos = System.nanoTime();
  private final Thread sampler;
  private volatile long peakRss;

  private Child(String name, List<String> command, Path log) throws IOException {
    this.name = name;
    this.log = log;
    Files.createDirectories(log.toAbsolutePath().getParent());
    ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
    pb.environment().remove("JAVA_TOOL_OPTIONS");
    pb.environment().remove("_JAVA_OPTIONS");
    process = pb.start();
    LIVE.add(this);
    sampler = new Thread(this::sample, "scale-rss-" + name);
    sampler.setDaemon(true);
    sampler.start();
  }

  /** Any command (its standard input a pipe the harness holds open). */
  static Child start(String name, List<String> command, Path log) throws IOException {
    return new Child(name, command, log);
  }

  /** A JVM: {@code java <options> -cp <watchdog>:<classpath> Watchdog <main> <args>}. */
  static Child java(String name, List<String> options, String classpath, String mainClass, List<String> args, Path log)
      throws IOException {
    List<String> cmd = new ArrayList<>();
    cmd.add(Paths.get(System.getProperty("java.home"), "bin", "java").toString());
    cmd.addAll(options);
    cmd.add("-cp");
    cmd.add(codeSource(Watchdog.class) + File.pathSeparator + classpath);
    cmd.add(Watchdog.class.getName());
    cmd.add(mainClass);
    cmd.addAll(args);
    return new Child(name, cmd, log);
  }

  /** Where a class was loaded from (a jar or a classes folder), for a child's classpath. */
  static String codeSource(Class<?> type) {
    try {
      return Paths.get(type.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
    } catch (java.net.URISyntaxException e) {
      throw new IllegalStateException("no location for " + type.getName() + ": " + e, e);
    }
  }

  long pid() {
    return process.pid();
  }

  boolean isAlive() {
    return process.isAlive();
  }

  /** Waits for the end; past {@code timeout} the child is killed and the result's exit code is -1. */
  Result await(Duration timeout) throws InterruptedException {
    boolean ended = process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
    double wall = (System.nanoTime() - startNanos) / 1e6;
    if (!ended) kill();
    sampler.interrupt();
    sampler.join(1000);
    LIVE.remove(this);
    return new Result(ended ? process.exitValue() : -1, wall, peakRss, log);
  }

  /** Result so far of a child that keeps running (a server), then kills it. */
  Result stop() throws InterruptedException {
    double wall = (System.nanoTime() - startNanos) / 1e6;
    long rss = Math.max(peakRss, hwm(process.toHandle()));
    kill();
    sampler.interrupt();
    sampler.join(1000);
    LIVE.remove(this);
    return new Result(process.isAlive() ? -1 : process.exitValue(), wall, rss, log);
  }

  private void sample() {
    while (process.isAlive()) {
      long rss = hwm(process.toHandle());
      if (rss > peakRss) peakRss = rss;
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        return;
      }
    }
  }

  /** Peak resident memory of the biggest of this process and its descendants, bytes. */
  private static long hwm(ProcessHandle p) {
    long max = vmHwm(p.pid());
    for (ProcessHandle d : (Iterable<ProcessHandle>) p.descendants()::iterator) max = Math.max(max, vmHwm(d.pid()));
    return max;
  }

  /** VmHWM of {@code pid} (/proc/pid/status), bytes; 0 when it is gone. */
  static long vmHwm(long pid) {
    return procStatus(pid, "VmHWM:");
  }

  /** VmRSS of {@code pid}, bytes; 0 when it is gone. */
  static long vmRss(long pid) {
    return procStatus(pid, "VmRSS:");
  }

  private static long procStatus(long pid, String field) {
    try {
      for (String line : Files.readAllLines(Paths.get("/proc", String.valueOf(pid), "status"))) {
        if (line.startsWith(field)) return Long.parseLong(line.substring(field.length()).trim().split("\\s+")[0]) * 1024;
      }
    } catch (IOException | RuntimeException e) {
      // gone meanwhile
    }
    return 0;
  }

  private void kill() {
    process.descendants().forEach(ProcessHandle::destroyForcibly);
    process.destroyForcibly();
    try {
      process.waitFor(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void close() {
    if (process.isAlive()) kill();
    sampler.interrupt();
    LIVE.remove(this);
  }

  @Override
  public String toString() {
    return name + " (pid " + process.pid() + ", log " + log + ")";
  }

  static List<String> list(String... items) {
    return new ArrayList<>(Arrays.asList(items));
  }
}
