package org.doflamingo.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.doflamingo.cluster.Ports;

/**
 * The stand-in host in a JVM of its own ({@link FlamingoHostMain}) on a class path the test lays
 * out, as Flamingo's Tomcat loads WEB-INF/lib: for what must be seen from outside the JVM (a
 * native library that does not load, classes of another Java, which jar comes first). Its output
 * goes to {@code log} under the test's directory.
 */
final class ChildHost implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final Process process;
  private final Path log;
  private final URI uri;
  /** Keeps the session cookie of a {@link #login}, as a browser does. */
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10))
      .cookieHandler(new java.net.CookieManager()).build();

  private ChildHost(Process process, Path log, URI uri) {
    this.process = process;
    this.log = log;
    this.uri = uri;
  }

  /**
   * @param classPath in order, as the host's class loader is to see it
   * @param config the module's configuration file ({@code -Ddoflamingo.config})
   * @param web the {@code web} settings as JSON, or null for loopback without users
   */
  static ChildHost start(Path dir, List<Path> classPath, Path config, String web) throws Exception {
    return start(dir, classPath, config, web, null, null, null);
  }

  /** In Flamingo's mode ({@link Host#startLikeFlamingo}) on the MySQL database {@code jdbcUrl}. */
  static ChildHost startLikeFlamingo(Path dir, List<Path> classPath, Path config, String web, String jdbcUrl, String user,
      String password) throws Exception {
    return start(dir, classPath, config, web, jdbcUrl, user, password);
  }

  private static ChildHost start(Path dir, List<Path> classPath, Path config, String web, String jdbcUrl, String user,
      String password) throws Exception {
    Files.createDirectories(dir);
    Path log = dir.resolve("host.log");
    Files.deleteIfExists(log);
    int port = Ports.free(); // below the ephemeral range: no outgoing connection takes it meanwhile
    List<String> command = new ArrayList<>(List.of(Paths.get(System.getProperty("java.home"), "bin", "java").toString(),
        "--add-opens", "java.base/java.lang=ALL-UNNAMED", "-Xmx512m",
        "-Djava.io.tmpdir=" + Files.createDirectories(dir.resolve("tmp")).toAbsolutePath(),
        "-Ddoflamingo.config=" + config.toAbsolutePath()));
    if (jdbcUrl != null) {
      command.add("-Dhost.flamingo.jdbc=" + jdbcUrl);
      command.add("-Dhost.flamingo.user=" + user);
    }
    command.addAll(List.of("-cp", classPath.stream().map(p -> p.toAbsolutePath().toString()).collect(Collectors.joining(":")),
        FlamingoHostMain.class.getName(), Integer.toString(port)));
    if (web != null) command.add(web);
    ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
    if (password != null) pb.environment().put(FlamingoHostMain.PASSWORD_ENV, password);
    Process p = pb.start();
    CountDownLatch ready = new CountDownLatch(1);
    String[] readyLine = new String[1];
    Thread copy = new Thread(() -> {
      try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
        for (String line; (line = r.readLine()) != null; ) {
          Files.write(log, (line + "\n").getBytes(StandardCharsets.UTF_8),
              java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
          if (line.startsWith(FlamingoHostMain.READY)) {
            readyLine[0] = line.substring(FlamingoHostMain.READY.length());
            ready.countDown();
          }
        }
      } catch (IOException e) {
        // the process ended; its log says why
      }
    }, "child-host-output");
    copy.setDaemon(true);
    copy.start();
    if (!ready.await(90, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new AssertionError("the host did not start within 90 s; its log " + log + ":\n" + tail(log));
    }
    return new ChildHost(p, log, URI.create(readyLine[0]));
  }

  URI uri(String path) {
    return uri.resolve(path);
  }

  HttpResponse<String> get(String path, String... headers) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(30));
    if (headers.length > 0) b.headers(headers);
    return http.send(b.GET().build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
  }

  /** Flamingo's form login; the session cookie is kept for the requests that follow. */
  void login(String user, String password) throws Exception {
    String form = "username=" + java.net.URLEncoder.encode(user, StandardCharsets.UTF_8) + "&password="
        + java.net.URLEncoder.encode(password, StandardCharsets.UTF_8);
    HttpResponse<String> r = http.send(HttpRequest.newBuilder(uri("/j_spring_security_check")).timeout(Duration.ofSeconds(30))
        .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(form)).build(),
        HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    String location = r.headers().firstValue("Location").orElse("");
    if (r.statusCode() != 302 || location.contains("error")) throw new AssertionError("login refused: " + r.statusCode() + " " + location);
  }

  JsonNode json(String path) throws Exception {
    return JSON.readTree(get(path).body());
  }

  /** Polls {@code path} until its JSON passes {@code done}; fails with the last answer and the log's tail. */
  JsonNode await(String path, Duration timeout, Predicate<JsonNode> done) throws Exception {
    long end = System.nanoTime() + timeout.toNanos();
    JsonNode last = null;
    while (System.nanoTime() < end) {
      last = json(path);
      if (done.test(last)) return last;
      Thread.sleep(500);
    }
    throw new AssertionError("timed out after " + timeout + " on " + path + ": " + last + "\nlog:\n" + tail(log));
  }

  String log() throws IOException {
    return Files.exists(log) ? new String(Files.readAllBytes(log), StandardCharsets.UTF_8) : "";
  }

  static String tail(Path log) {
    try {
      List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
    } catch (IOException e) {
      return "(no log: " + e + ")";
    }
  }

  /** Ends the host's JVM at once (kill -9): nothing of it shuts down. */
  void kill() throws InterruptedException {
    process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
  }

  @Override
  public void close() throws Exception {
    process.getOutputStream().close();
    if (!process.waitFor(30, TimeUnit.SECONDS)) process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
  }
}
