package org.doflamingo.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;

/**
 * The stand-in Flamingo 2 host for tests: {@link Host} on a free port of 127.0.0.1, with an HTTP
 * client and a STOMP client pointed at it. Whatever the class path holds under
 * {@code org.opencloudengine.flamingo2} (a module's beans, test beans) is loaded as Flamingo
 * would load it.
 *
 * <p>One host at a time per JVM: like Flamingo's, its Quartz scheduler is named "scheduler", and
 * Quartz keeps one scheduler per name per JVM.
 *
 * <pre>{@code
 * try (StandInHost host = StandInHost.open()) {
 *   JsonNode menu = host.json(host.get("/menu"));
 *   try (StompTestClient stomp = host.stomp()) { ... }
 * }
 * }</pre>
 */
public final class StandInHost implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final Host host;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

  private StandInHost(Host host) {
    this.host = host;
  }

  /** Loopback, no users: every request has ROLE_USER. */
  public static StandInHost open() throws HostException {
    return start(WebConfig.defaults());
  }

  /** With one user: requests need a login (see {@link #basic}). */
  public static StandInHost withUser(String user, String password) throws Exception {
    return start(WebConfig.parse(JSON.createObjectNode()
        .set("users", JSON.createArrayNode().add(JSON.createObjectNode().put("user", user).put("password", password)))
        .toString()));
  }

  /** {@code web}'s bind address and users, on a free port. */
  public static StandInHost start(WebConfig web) throws HostException {
    return new StandInHost(Host.start(web, 0));
  }

  public Host host() {
    return host;
  }

  public URI uri(String path) {
    return host.uri().resolve(path);
  }

  public HttpRequest.Builder request(String path) {
    return HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(30));
  }

  /** GET {@code path} with {@code headers} (name, value, name, value, ...); redirects are not followed. */
  public HttpResponse<String> get(String path, String... headers) throws Exception {
    HttpRequest.Builder b = request(path);
    if (headers.length > 0) b.headers(headers);
    return send(b.GET().build());
  }

  public HttpResponse<String> send(HttpRequest request) throws Exception {
    return http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
  }

  /** The body as JSON. */
  public static JsonNode json(HttpResponse<String> response) throws Exception {
    return JSON.readTree(response.body());
  }

  /** An {@code Authorization} header value for HTTP Basic. */
  public static String basic(String user, String password) {
    return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
  }

  /** A STOMP session on {@code /websocket}, without credentials. */
  public StompTestClient stomp() throws Exception {
    return StompTestClient.connect(uri("/websocket"), Map.of());
  }

  /** A STOMP session on {@code /websocket}, logged in with HTTP Basic on the handshake. */
  public StompTestClient stomp(String user, String password) throws Exception {
    return StompTestClient.connect(uri("/websocket"), Map.of("Authorization", basic(user, password)));
  }

  @Override
  public void close() {
    host.close();
  }
}
