package org.doflamingo.server;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.doflamingo.cluster.Ports;

/**
 * A MariaDB server of the tests' own, standing in for Flamingo 2's MySQL: Debian's mariadbd
 * (installed by {@code java/server/mariadb/install-mariadb.sh} when missing), its data, socket and
 * log under {@code target/mariadb}, on a free loopback port. Started once per test JVM
 * ({@link #shared()}) and stopped when the JVM ends; every start begins with an empty data folder.
 * Root (running as root, with {@code --user=root}) uses the socket; Flamingo's own user the port.
 */
final class PrivateMariaDb {
  private static PrivateMariaDb shared;

  private final Path dir;
  private final Path socket;
  private final int port;
  private final Process server;

  private PrivateMariaDb(Path dir, Path socket, int port, Process server) {
    this.dir = dir;
    this.socket = socket;
    this.port = port;
    this.server = server;
  }

  /** The JVM's one instance, started on first use. */
  static synchronized PrivateMariaDb shared() throws Exception {
    if (shared == null) {
      shared = start(WebInfLib.ROOT.resolve("java/server/target/mariadb"));
      PrivateMariaDb db = shared;
      Runtime.getRuntime().addShutdownHook(new Thread(db::stop, "mariadb-stop"));
    }
    return shared;
  }

  private static PrivateMariaDb start(Path dir) throws Exception {
    run(WebInfLib.ROOT.resolve("java/server/mariadb/install-mariadb.sh").toString(),
        Files.createDirectories(dir.getParent()).resolve("mariadb-install.log"), 600);
    deleteTree(dir);
    Path data = Files.createDirectories(dir.resolve("data"));
    run("mariadb-install-db --no-defaults --user=root --datadir=" + data + " --auth-root-authentication-method=socket"
        + " --skip-test-db", dir.resolve("install.log"), 120);
    int port = Ports.free(); // below the ephemeral range: no outgoing connection takes it meanwhile
    Path socket = dir.resolve("mysqld.sock");
    List<String> command = Arrays.asList("mariadbd", "--no-defaults", "--user=root", "--datadir=" + data,
        "--socket=" + socket, "--port=" + port, "--bind-address=127.0.0.1", "--pid-file=" + dir.resolve("mysqld.pid"),
        "--log-error=" + dir.resolve("error.log"), "--skip-name-resolve", "--innodb-buffer-pool-size=64M",
        "--innodb-log-file-size=16M", "--character-set-server=utf8mb4");
    Process server = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(dir.resolve("server.out").toFile()).start();
    PrivateMariaDb db = new PrivateMariaDb(dir, socket, port, server);
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (true) {
      if (!server.isAlive()) throw new AssertionError("mariadbd exited: " + tail(dir.resolve("error.log")));
      if (db.rootSql("SELECT 1").trim().endsWith("1")) return db;
      if (System.nanoTime() > end) {
        server.destroyForcibly();
        throw new AssertionError("mariadbd did not answer within 60 s: " + tail(dir.resolve("error.log")));
      }
      Thread.sleep(250);
    }
  }

  int port() {
    return port;
  }

  /** A JDBC URL of {@code database} over the loopback port, for Flamingo's MySQL driver. */
  String jdbcUrl(String database) {
    return "jdbc:mysql://127.0.0.1:" + port + "/" + database + "?useUnicode=true&characterEncoding=UTF-8";
  }

  /** Runs {@code sql} as root through the socket with the mysql client; its output (tab-separated, no headers), or "" when it failed. */
  String rootSql(String sql) throws Exception {
    ProcessBuilder pb = new ProcessBuilder("mysql", "--no-defaults", "--socket=" + socket, "-u", "root",
        "--batch", "--skip-column-names", "-e", sql).redirectErrorStream(true);
    Process p = pb.start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(60, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      return "";
    }
    return p.exitValue() == 0 ? out : "";
  }

  /**
   * A new database as Flamingo's installation leaves it (its menu table with the Monitoring row,
   * Quartz's QRTZ_ tables), and {@code user} with every right on it from loopback; both run
   * through the mysql client as Flamingo's user, as an installer runs them.
   */
  void createFlamingoDatabase(String database, String user, String password) throws Exception {
    // a user name is one test's: IF NOT EXISTS keeps the password it was made with
    String out = rootSql("CREATE DATABASE " + database + " CHARACTER SET utf8; CREATE USER IF NOT EXISTS '" + user + "'@'127.0.0.1'"
        + " IDENTIFIED BY '" + password + "'; GRANT ALL ON " + database + ".* TO '" + user + "'@'127.0.0.1'; SELECT 'done'");
    if (!out.contains("done")) throw new AssertionError("could not create " + database + ": " + out);
    for (String ddl : new String[] {"java/server/src/main/resources/host/FL_COMM_MENU.sql",
        "java/server/target/quartz-ddl/org/quartz/impl/jdbcjobstore/tables_mysql_innodb.sql"}) {
      Path file = WebInfLib.ROOT.resolve(ddl);
      int exit = shell("mysql -h 127.0.0.1 -P " + port + " -u " + user + " -p'" + password + "' " + database + " < '" + file + "'",
          dir.resolve(database + "-" + file.getFileName() + ".log"));
      if (exit != 0) throw new AssertionError("mysql " + database + " < " + file + " exited with " + exit);
    }
  }

  /** Runs {@code command} with bash, its output to {@code log}; its exit code. */
  static int shell(String command, Path log) throws Exception {
    Process p = new ProcessBuilder("bash", "-c", command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    if (!p.waitFor(120, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new AssertionError(command + " did not finish within 120 s");
    }
    return p.exitValue();
  }

  private void stop() {
    try {
      rootSql("SHUTDOWN");
      if (!server.waitFor(30, TimeUnit.SECONDS)) server.destroyForcibly();
    } catch (Exception e) {
      server.destroyForcibly();
    }
  }

  private static void run(String command, Path log, int seconds) throws Exception {
    // never inherited: a forked test JVM's standard output is surefire's channel
    ProcessBuilder pb = new ProcessBuilder(new ArrayList<>(Arrays.asList(command.split(" ")))).redirectErrorStream(true)
        .redirectOutput(log.toFile());
    Process p = pb.start();
    if (!p.waitFor(seconds, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new AssertionError(command + " did not finish within " + seconds + " s");
    }
    if (p.exitValue() != 0) throw new AssertionError(command + " exited with " + p.exitValue() + ": " + tail(log));
  }

  static String tail(Path file) {
    try {
      List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
    } catch (IOException e) {
      return "(" + file + ": " + e + ")";
    }
  }

  private static void deleteTree(Path dir) throws IOException {
    if (!Files.exists(dir)) return;
    try (java.util.stream.Stream<Path> walk = Files.walk(dir)) {
      for (Path p : (Iterable<Path>) walk.sorted(java.util.Comparator.reverseOrder())::iterator) Files.delete(p);
    }
  }
}
