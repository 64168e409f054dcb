package org.doflamingo.cluster;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import org.doflamingo.cluster.launch.Watchdog;
import org.doflamingo.cluster.security.SecuredJmx;

/**
 * One child JVM: {@code java <options> -cp <launcher>:<runtime classpath> Watchdog <main> <args>},
 * output (stdout and stderr) appended to one log file. It can be started again after it ended
 * (same command, same ports). Every live child is killed by a shutdown hook of this JVM, and halts
 * on its own when this JVM dies (see {@link Watchdog}).
 */
public final class JvmProcess {

  private static final Set<JvmProcess> LIVE = ConcurrentHashMap.newKeySet();
  private static volatile Path launcherDir;

  static {
    java.lang.Runtime.getRuntime().addShutdownHook(new Thread(JvmProcess::killAll, "doflamingo-cluster-reaper"));
  }

  private final String name;
  private final ApacheRuntime runtime;
  private final List<String> jvmOptions;
  private final String mainClass;
  private final List<String> args;
  private final Path workDir;
  private final Path logFile;
  private volatile Process process;
  private OutputStream lifeline;

  public JvmProcess(String name, ApacheRuntime runtime, List<String> jvmOptions, String mainClass,
           List<String> args, Path workDir, Path logFile) {
    this.name = name;
    this.runtime = runtime;
    this.jvmOptions = new ArrayList<>(jvmOptions);
    this.mainClass = mainClass;
    this.args = new ArrayList<>(args);
    this.workDir = workDir;
    this.logFile = logFile;
  }

  public String name() {
    return name;
  }

  public Path logFile() {
    return logFile;
  }

  /** Starts the JVM (it must not be running). Returns at once; readiness is the caller's. */
  public synchronized void start() {
    if (isAlive()) {
      throw new IllegalStateException(name + " is already running");
    }
    try {
      List<String> cmd = new ArrayList<>();
      cmd.add(Paths.get(System.getProperty("java.home"), "bin", "java").toString());
      cmd.addAll(jvmOptions);
      cmd.add("-cp");
      cmd.add(launcherDir() + File.pathSeparator + runtime.classpath());
      cmd.add(Watchdog.class.getName());
      cmd.add(mainClass);
      cmd.addAll(args);
      Files.createDirectories(workDir);
      Files.createDirectories(logFile.getParent());
      appendToLog("\n===== " + java.time.Instant.now() + " starting " + name + ": " + mainClass + " " + args + "\n");
      ProcessBuilder pb = new ProcessBuilder(cmd)
          .directory(workDir.toFile())
          .redirectErrorStream(true)
          .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()));
      pb.environment().remove("JAVA_TOOL_OPTIONS");
      pb.environment().remove("_JAVA_OPTIONS");
      process = pb.start();
      // Kept open, never written: its end of file tells the child that we are gone.
      lifeline = process.getOutputStream();
      LIVE.add(this);
    } catch (IOException e) {
      throw new ClusterException("cannot start " + name + ": " + e, e);
    }
  }

  public boolean isAlive() {
    Process p = process;
    return p != null && p.isAlive();
  }

  /** {@code kill -9}: gone at once, no shutdown hook in the child runs. Waits for the exit. */
  public void kill() {
    Process p = process;
    if (p == null) {
      return;
    }
    p.destroyForcibly();
    try {
      p.waitFor(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    LIVE.remove(this);
  }

  /** SIGTERM, then {@code kill -9} when it has not ended within the grace period. */
  public void stop(Duration grace) {
    Process p = process;
    if (p == null) {
      return;
    }
    p.destroy();
    try {
      if (!p.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
        p.destroyForcibly();
        p.waitFor(30, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      p.destroyForcibly();
    }
    LIVE.remove(this);
  }

  /** Waits for the process to end by itself; returns its exit code, or throws on timeout. */
  public int awaitExit(Duration timeout) {
    Process p = process;
    try {
      if (p == null || !p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        kill();
        throw new ClusterException(name + " did not end within " + timeout + "\n" + tail(40));
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ClusterException("interrupted", e);
    }
    LIVE.remove(this);
    return p.exitValue();
  }

  /** Exit code when ended, else -1. */
  public int exitCode() {
    Process p = process;
    return p == null || p.isAlive() ? -1 : p.exitValue();
  }

  /** The last lines of the log file, for error messages. */
  public String tail(int lines) {
    try (RandomAccessFile f = new RandomAccessFile(logFile.toFile(), "r")) {
      long len = f.length();
      int size = (int) Math.min(len, 64 * 1024);
      byte[] buf = new byte[size];
      f.seek(len - size);
      f.readFully(buf);
      String[] all = new String(buf, StandardCharsets.UTF_8).split("\n");
      List<String> last = Arrays.asList(all).subList(Math.max(0, all.length - lines), all.length);
      return "----- last " + last.size() + " lines of " + logFile + " -----\n" + String.join("\n", last);
    } catch (IOException e) {
      return "(no log " + logFile + ": " + e + ")";
    }
  }

  private void appendToLog(String text) throws IOException {
    Files.write(logFile, text.getBytes(StandardCharsets.UTF_8),
        java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
  }

  /** Kills every child still running; the shutdown hook calls this too. */
  public static void killAll() {
    for (JvmProcess p : new ArrayList<>(LIVE)) {
      Process proc = p.process;
      if (proc != null) {
        proc.destroyForcibly();
      }
    }
    for (JvmProcess p : new ArrayList<>(LIVE)) {
      p.kill();
    }
  }

  /** Live children, for diagnostics. */
  public static List<String> live() {
    List<String> names = new ArrayList<>();
    for (JvmProcess p : LIVE) {
      if (p.isAlive()) {
        names.add(p.name);
      }
    }
    Collections.sort(names);
    return names;
  }

  /** A directory holding only the Watchdog class, put first on every child's classpath. */
  private static synchronized Path launcherDir() throws IOException {
    if (launcherDir == null) {
      Path dir = Files.createTempDirectory("doflamingo-launcher");
      String resource = Watchdog.class.getName().replace('.', '/') + ".class";
      Path target = dir.resolve(resource);
      Files.createDirectories(target.getParent());
      try (InputStream in = Watchdog.class.getClassLoader().getResourceAsStream(resource);
        OutputStream out = Files.newOutputStream(target)) {
        if (in == null) {
          throw new IOException("resource " + resource + " not found");
        }
        ApacheRuntime.copy(in, out);
      }
      target.toFile().deleteOnExit();
      target.getParent().toFile().deleteOnExit();
      for (Path p = target.getParent().getParent(); p != null && p.startsWith(dir); p = p.getParent()) {
        p.toFile().deleteOnExit();
      }
      launcherDir = dir;
    }
    return launcherDir;
  }

  /** Options every child gets: small, quick to start, friendly to a 2-core machine. */
  static List<String> baseOptions(String heap) {
    return new ArrayList<>(Arrays.asList(
        "-Xmx" + heap,
        "-Xms32m",
        "-XX:+UseSerialGC",
        "-XX:TieredStopAtLevel=1",
        "-Xss512k",
        "-Djava.awt.headless=true",
        "-Djava.net.preferIPv4Stack=true"));
  }

  /** Remote JMX without authentication or SSL, registry and RMI server on one port, 127.0.0.1 only. */
  static List<String> jmxOptions(int port) {
    return jmxOptions(port, null, null);
  }

  /**
   * Remote JMX as {@link #jmxOptions(int)}, secured by {@code secured} (password authentication,
   * TLS) when not null; its files are written under {@code dir}.
   */
  static List<String> jmxOptions(int port, SecuredJmx secured, Path dir) {
    Map<String, String> p = new LinkedHashMap<>();
    p.put("com.sun.management.jmxremote.port", String.valueOf(port));
    p.put("com.sun.management.jmxremote.rmi.port", String.valueOf(port));
    p.put("com.sun.management.jmxremote.authenticate", "false");
    p.put("com.sun.management.jmxremote.ssl", "false");
    p.put("com.sun.management.jmxremote.local.only", "false");
    p.put("com.sun.management.jmxremote.host", "127.0.0.1");
    p.put("java.rmi.server.hostname", "127.0.0.1");
    if (secured != null) p.putAll(secured.systemProperties(dir));
    List<String> options = new ArrayList<>();
    options.add("-Dcom.sun.management.jmxremote");
    for (Map.Entry<String, String> e : p.entrySet()) options.add("-D" + e.getKey() + "=" + e.getValue());
    return options;
  }
}
