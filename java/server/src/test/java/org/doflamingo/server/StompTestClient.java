package org.doflamingo.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A STOMP 1.2 client over SockJS's WebSocket transport, as the pages' sockjs + stomp.js talk to
 * Flamingo's {@code /websocket} endpoint: {@code ws://host/websocket/{server}/{session}/websocket},
 * SockJS frames ({@code o} open, {@code h} heartbeat, {@code a[...]} messages, {@code c[...]}
 * close) carrying STOMP frames. Enough for tests: CONNECT, SUBSCRIBE, receive MESSAGE frames.
 *
 * <pre>{@code
 * try (StompTestClient stomp = StompTestClient.connect(host.uri("/websocket"), Map.of())) {
 *   stomp.subscribe("/topic/doflamingo/kafka");
 *   StompTestClient.Frame f = stomp.nextMessage(Duration.ofSeconds(10));
 * }
 * }</pre>
 */
public final class StompTestClient implements AutoCloseable {
  /** One STOMP frame. */
  public record Frame(String command, Map<String, String> headers, String body) {
    public String header(String name) {
      return headers.get(name);
    }
  }

  private static final ObjectMapper JSON = new ObjectMapper();
  private final WebSocket socket;
  private final BlockingQueue<Object> inbox;
  private final AtomicInteger subscriptions = new AtomicInteger();

  private StompTestClient(WebSocket socket, BlockingQueue<Object> inbox) {
    this.socket = socket;
    this.inbox = inbox;
  }

  /**
   * Opens the SockJS WebSocket session and completes the STOMP CONNECT.
   *
   * @param endpoint the SockJS endpoint, e.g. {@code http://127.0.0.1:8080/websocket}
   * @param httpHeaders sent with the handshake, e.g. {@code Authorization}
   * @throws java.util.concurrent.ExecutionException when the handshake is refused (its cause tells the status)
   */
  public static StompTestClient connect(URI endpoint, Map<String, String> httpHeaders) throws Exception {
    String server = String.format("%03d", ThreadLocalRandom.current().nextInt(1000));
    String session = UUID.randomUUID().toString().replace("-", "");
    URI ws = URI.create(endpoint.toString().replaceFirst("^http", "ws") + "/" + server + "/" + session + "/websocket");
    BlockingQueue<Object> inbox = new LinkedBlockingQueue<>();
    WebSocket.Builder builder = HttpClient.newHttpClient().newWebSocketBuilder().connectTimeout(Duration.ofSeconds(10));
    httpHeaders.forEach(builder::header);
    WebSocket socket = builder.buildAsync(ws, new Listener(inbox)).get(10, TimeUnit.SECONDS);
    StompTestClient client = new StompTestClient(socket, inbox);
    try {
      client.send("CONNECT", Map.of("accept-version", "1.2", "host", endpoint.getHost(), "heart-beat", "0,0"), "");
      Frame connected = client.next(Duration.ofSeconds(10));
      if (!connected.command().equals("CONNECTED")) throw new IllegalStateException("STOMP CONNECT answered " + connected);
      return client;
    } catch (Exception | Error e) {
      client.close();
      throw e;
    }
  }

  /** Subscribes to {@code destination}; returns the subscription id. */
  public String subscribe(String destination) throws Exception {
    String id = "sub-" + subscriptions.getAndIncrement();
    send("SUBSCRIBE", Map.of("id", id, "destination", destination), "");
    return id;
  }

  /** The next MESSAGE frame (other frames in between are skipped; ERROR fails). */
  public Frame nextMessage(Duration timeout) throws Exception {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      Frame f = next(Duration.ofNanos(Math.max(1, deadline - System.nanoTime())));
      if (f.command().equals("MESSAGE")) return f;
    }
  }

  private Frame next(Duration timeout) throws Exception {
    Object item = inbox.poll(timeout.toNanos(), TimeUnit.NANOSECONDS);
    if (item == null) throw new AssertionError("no STOMP frame within " + timeout);
    if (item instanceof Throwable t) throw new IllegalStateException("the SockJS session failed", t);
    Frame f = (Frame) item;
    if (f.command().equals("ERROR")) throw new IllegalStateException("STOMP ERROR " + f.headers() + ": " + f.body());
    return f;
  }

  private void send(String command, Map<String, String> headers, String body) throws Exception {
    StringBuilder frame = new StringBuilder(command).append('\n');
    headers.forEach((k, v) -> frame.append(escape(k)).append(':').append(escape(v)).append('\n'));
    frame.append('\n').append(body).append('\0');
    // a SockJS client sends a JSON array of messages
    socket.sendText(JSON.writeValueAsString(List.of(frame.toString())), true).get(10, TimeUnit.SECONDS);
  }

  @Override
  public void close() {
    try {
      send("DISCONNECT", Map.of(), "");
      socket.sendClose(WebSocket.NORMAL_CLOSURE, "").get(5, TimeUnit.SECONDS);
    } catch (Exception e) {
      socket.abort();
    }
  }

  /** STOMP 1.2 header escaping. */
  private static String escape(String s) {
    return s.replace("\\", "\\\\").replace("\r", "\\r").replace("\n", "\\n").replace(":", "\\c");
  }

  private static String unescape(String s) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c != '\\' || i + 1 == s.length()) {
        sb.append(c);
        continue;
      }
      char n = s.charAt(++i);
      sb.append(n == 'n' ? '\n' : n == 'r' ? '\r' : n == 'c' ? ':' : n);
    }
    return sb.toString();
  }

  /** Parses one SockJS message into its STOMP frames (a lone EOL is a STOMP heartbeat). */
  static List<Frame> parseStomp(String data) {
    List<Frame> frames = new ArrayList<>();
    for (String raw : data.split("\0")) {
      String text = raw.replaceFirst("^[\r\n]+", "");
      if (text.isEmpty()) continue;
      int headerEnd = text.indexOf("\n\n");
      String head = headerEnd < 0 ? text : text.substring(0, headerEnd);
      String body = headerEnd < 0 ? "" : text.substring(headerEnd + 2);
      String[] lines = head.split("\r?\n");
      Map<String, String> headers = new LinkedHashMap<>();
      for (int i = 1; i < lines.length; i++) {
        int colon = lines[i].indexOf(':');
        if (colon > 0) headers.putIfAbsent(unescape(lines[i].substring(0, colon)), unescape(lines[i].substring(colon + 1)));
      }
      frames.add(new Frame(lines[0], headers, body));
    }
    return frames;
  }

  /** SockJS framing: whole text messages in, STOMP frames (or the failure) to the inbox. */
  private static final class Listener implements WebSocket.Listener {
    private final BlockingQueue<Object> inbox;
    private final StringBuilder partial = new StringBuilder();

    Listener(BlockingQueue<Object> inbox) {
      this.inbox = inbox;
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
      partial.append(data);
      if (last) {
        String message = partial.toString();
        partial.setLength(0);
        try {
          onSockJs(message);
        } catch (Exception e) {
          inbox.add(e);
        }
      }
      webSocket.request(1);
      return null;
    }

    private void onSockJs(String message) throws Exception {
      if (message.isEmpty()) return;
      switch (message.charAt(0)) {
        case 'o', 'h' -> { }
        case 'a' -> {
          for (JsonNode m : JSON.readTree(message.substring(1))) inbox.addAll(parseStomp(m.asText()));
        }
        case 'c' -> inbox.add(new IllegalStateException("SockJS session closed by the server: " + message.substring(1)));
        default -> inbox.add(new IllegalStateException("not a SockJS frame: " + message));
      }
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
      inbox.add(new IllegalStateException("WebSocket closed: " + statusCode + " " + reason));
      return null;
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
      inbox.add(error);
    }
  }
}
