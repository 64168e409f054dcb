package org.doflamingo.collect.zookeeper;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;
import org.doflamingo.collect.CollectException;
import org.doflamingo.collect.Collector;
import org.doflamingo.collect.Http;
import org.doflamingo.collect.Scrape;
import org.doflamingo.collect.TlsSockets;
import org.doflamingo.collect.catalogue.MetricCatalogue;
import org.doflamingo.collect.catalogue.MetricSpec;
import org.doflamingo.collect.events.EventRecorder;
import org.doflamingo.config.ZooKeeperEnsembleConfig;
import org.doflamingo.engine.SeriesKey;
import org.doflamingo.engine.SeriesKind;

/**
 * Reads {@code mntr} from one ZooKeeper server: over the four-letter-word protocol on the client
 * port (the secure one over TLS when configured), and from the AdminServer's {@code /commands/mntr}
 * (over HTTPS when {@code adminHttps}) when the server has an admin port. Every
 * {@code zk_<key>} with a catalogue series {@code zookeeper.<key>} is recorded, labelled
 * {@code ensemble} and {@code server} ({@code host:clientPort}); {@code zk_server_state} is encoded
 * leader=2, follower=1, standalone=0, observer=3, and on ZooKeeper 3.6+ the leader's
 * {@code zk_learners} stands for {@code zk_followers} (which it replaced). A reading is parsed and checked
 * whole before anything goes into the scrape: a failed target records nothing.
 * Synchronous, on the caller's thread; safe from many threads.
 */
public final class ZooKeeperCollector implements Collector {
  /** Where the mntr reading comes from. */
  public enum Source {
    FOUR_LETTER_WORD, ADMIN_SERVER
  }

  public static final int DEFAULT_CONNECT_TIMEOUT_MS = 2000;
  public static final int DEFAULT_READ_TIMEOUT_MS = 5000;
  /** mntr is about 2 KiB on 3.8 (more with per-namespace metrics); anything past this is not mntr. */
  public static final int MAX_RESPONSE_BYTES = 1 << 20;

  private static final String PREFIX = "zookeeper.";
  private static final ObjectMapper JSON = new ObjectMapper();

  private final String ensemble;
  private final ZooKeeperEnsembleConfig config;
  private final ZooKeeperEnsembleConfig.Server server;
  private final MetricCatalogue catalogue;
  private final int connectTimeoutMs;
  private final int readTimeoutMs;
  private final String target;
  private volatile RoleEvents roles;
  /** TLS from the ensemble's stores, made at first use (a store that cannot be loaded fails the scrape, not the start). */
  private SSLSocketFactory tls;

  public ZooKeeperCollector(ZooKeeperEnsembleConfig ensemble, ZooKeeperEnsembleConfig.Server server, MetricCatalogue catalogue) {
    this(ensemble, server, catalogue, DEFAULT_CONNECT_TIMEOUT_MS, DEFAULT_READ_TIMEOUT_MS);
  }

  public ZooKeeperCollector(ZooKeeperEnsembleConfig ensemble, ZooKeeperEnsembleConfig.Server server, MetricCatalogue catalogue,
      int connectTimeoutMs, int readTimeoutMs) {
    if (connectTimeoutMs <= 0 || readTimeoutMs <= 0) throw new IllegalArgumentException("timeouts must be positive");
    this.ensemble = ensemble.name;
    this.config = ensemble;
    this.server = server;
    this.catalogue = catalogue;
    this.connectTimeoutMs = connectTimeoutMs;
    this.readTimeoutMs = readTimeoutMs;
    this.target = "zookeeper " + ensemble.name + " server " + serverLabel(server);
    this.roles = new RoleEvents(ensemble.name, serverLabel(server), EventRecorder.NONE);
  }

  /** Records this server's role changes (a leader election) to {@code events}; returns this collector. */
  public ZooKeeperCollector recordingTo(EventRecorder events) {
    this.roles = new RoleEvents(ensemble, serverLabel(server), events);
    return this;
  }

  static String serverLabel(ZooKeeperEnsembleConfig.Server s) {
    return s.host + ":" + s.clientPort;
  }

  /** The target as error messages name it. */
  @Override
  public String target() {
    return target;
  }

  /**
   * Reads mntr over the four-letter word, or, when that fails and the server has an AdminServer,
   * from the AdminServer; records the values of the reading that succeeded.
   *
   * @return the source that was read
   * @throws CollectException when no source could be read (the message names every failure)
   */
  public Source collect(Scrape scrape) throws CollectException {
    try {
      collect(Source.FOUR_LETTER_WORD, scrape);
      return Source.FOUR_LETTER_WORD;
    } catch (CollectException fourLetter) {
      if (server.adminPort <= 0) throw fourLetter;
      try {
        collect(Source.ADMIN_SERVER, scrape);
        return Source.ADMIN_SERVER;
      } catch (CollectException admin) {
        CollectException both = new CollectException(fourLetter.getMessage() + "; and " + admin.getMessage(), fourLetter);
        both.addSuppressed(admin);
        throw both;
      }
    }
  }

  /** Reads mntr from one source and records its values; nothing is recorded when it fails. */
  public void collect(Source source, Scrape scrape) throws CollectException {
    Map<String, Double> values = read(source);
    for (Map.Entry<String, Double> e : values.entrySet()) {
      MetricSpec spec = catalogue.get(e.getKey());
      scrape.add(SeriesKey.of(e.getKey(), "ensemble", ensemble, "server", serverLabel(server)), kindOf(spec), e.getValue());
    }
    Double state = values.get(PREFIX + "server_state");
    if (state != null) roles.read(state, scrape.timeMillis());
  }

  /** The catalogue series of one mntr reading ({@code zookeeper.<key>} to value), checked whole. */
  public Map<String, Double> read(Source source) throws CollectException {
    if (source == Source.ADMIN_SERVER) {
      if (server.adminPort <= 0) throw new CollectException(target + ": no adminPort configured");
      String scheme = config.adminHttps ? "https" : "http";
      return parseAdmin(target, Http.get(target, scheme + "://" + hostForUrl(server.host) + ":" + server.adminPort + "/commands/mntr",
          connectTimeoutMs, readTimeoutMs, MAX_RESPONSE_BYTES, config.adminHttps ? tls() : null), catalogue);
    }
    return parseMntr(target, fourLetterWord("mntr"), catalogue);
  }

  private static String hostForUrl(String host) {
    return host.indexOf(':') >= 0 && !host.startsWith("[") ? "[" + host + "]" : host;
  }

  private synchronized SSLSocketFactory tls() throws CollectException {
    if (tls == null) tls = TlsSockets.of(target, config.trustStore, config.keyStore);
    return tls;
  }

  /**
   * Sends a four-letter word and reads the answer to end of stream, within the read timeout
   * overall: on the secure client port over TLS (host name verified) when the server has one.
   */
  String fourLetterWord(String word) throws CollectException {
    boolean secure = server.secureClientPort > 0;
    int port = secure ? server.secureClientPort : server.clientPort;
    String what = target + ": four-letter word '" + word + "' on " + (secure ? "secure client port " : "port ") + port;
    long deadline = System.nanoTime() + readTimeoutMs * 1_000_000L;
    SSLSocketFactory factory = secure ? tls() : null;
    try (Socket plain = new Socket()) {
      plain.connect(new InetSocketAddress(server.host, port), connectTimeoutMs);
      plain.setSoTimeout(readTimeoutMs);
      Socket s = plain;
      if (secure) {
        SSLSocket ssl = (SSLSocket) factory.createSocket(plain, server.host, port, true);
        SSLParameters parameters = ssl.getSSLParameters();
        parameters.setEndpointIdentificationAlgorithm("HTTPS");
        ssl.setSSLParameters(parameters);
        ssl.startHandshake();
        s = ssl;
      }
      OutputStream out = s.getOutputStream();
      out.write(word.getBytes(StandardCharsets.US_ASCII));
      out.flush();
      InputStream in = s.getInputStream();
      byte[] buf = new byte[8192];
      java.io.ByteArrayOutputStream got = new java.io.ByteArrayOutputStream();
      int n;
      while (true) {
        long left = (deadline - System.nanoTime()) / 1_000_000L;
        if (left <= 0) throw new SocketTimeoutException("overall read timeout");
        s.setSoTimeout((int) Math.max(1, left));
        n = in.read(buf);
        if (n < 0) break;
        if (got.size() + n > MAX_RESPONSE_BYTES) {
          throw new CollectException(what + ": answer is over the limit of " + MAX_RESPONSE_BYTES + " bytes");
        }
        got.write(buf, 0, n);
      }
      return new String(got.toByteArray(), StandardCharsets.UTF_8);
    } catch (SocketTimeoutException e) {
      throw new CollectException(what + ": timed out (connect " + connectTimeoutMs + " ms, read " + readTimeoutMs + " ms)", e);
    } catch (IOException e) {
      throw new CollectException(what + ": " + e, e);
    }
  }

  /** Parses the four-letter-word mntr answer: lines of {@code zk_<key>\t<value>}. */
  static Map<String, Double> parseMntr(String target, String text, MetricCatalogue catalogue) throws CollectException {
    String trimmed = text.trim();
    if (trimmed.isEmpty()) throw new CollectException(target + ": mntr answered nothing");
    if (trimmed.contains("is not executed because it is not in the whitelist")) {
      throw new CollectException(target + ": mntr is refused, not in 4lw.commands.whitelist (" + snippet(trimmed) + ")");
    }
    if (trimmed.startsWith("This ZooKeeper instance is not currently serving requests")) {
      throw new CollectException(target + ": server is not serving requests (no quorum?)");
    }
    Map<String, String> raw = new LinkedHashMap<>();
    int lineNo = 0;
    for (String line : trimmed.split("\r?\n")) {
      lineNo++;
      if (line.isEmpty()) continue;
      int tab = line.indexOf('\t');
      if (!line.startsWith("zk_") || tab < 4) {
        throw new CollectException(target + ": mntr answer is not mntr output, line " + lineNo + ": " + snippet(line));
      }
      raw.put(line.substring(3, tab), line.substring(tab + 1).trim());
    }
    return toSeries(target, "mntr", raw, catalogue);
  }

  /** Parses the AdminServer's {@code /commands/mntr} JSON (keys without the zk_ prefix). */
  static Map<String, Double> parseAdmin(String target, String body, MetricCatalogue catalogue) throws CollectException {
    JsonNode root;
    try {
      root = JSON.readTree(body);
    } catch (IOException e) {
      throw new CollectException(target + ": AdminServer mntr is not JSON: " + snippet(body), e);
    }
    if (root == null || !root.isObject()) throw new CollectException(target + ": AdminServer mntr is not a JSON object: " + snippet(body));
    JsonNode error = root.get("error");
    if (error != null && !error.isNull()) throw new CollectException(target + ": AdminServer mntr reports an error: " + error.asText());
    Map<String, String> raw = new LinkedHashMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext();) {
      Map.Entry<String, JsonNode> f = it.next();
      JsonNode v = f.getValue();
      if (v.isValueNode() && !v.isNull()) raw.put(f.getKey(), v.asText());
    }
    return toSeries(target, "AdminServer mntr", raw, catalogue);
  }

  private static Map<String, Double> toSeries(String target, String what, Map<String, String> raw, MetricCatalogue catalogue)
      throws CollectException {
    if (!raw.containsKey("server_state")) throw new CollectException(target + ": " + what + " has no server_state; not mntr output?");
    // ZooKeeper 3.6+ reports the leader's followers as learners (followers and observers)
    if (!raw.containsKey("followers") && raw.containsKey("learners")) raw.put("followers", raw.get("learners"));
    Map<String, Double> out = new LinkedHashMap<>();
    for (Map.Entry<String, String> e : raw.entrySet()) {
      String name = PREFIX + e.getKey();
      if (catalogue.get(name) == null) continue; // zk_version and friends: not series
      String v = e.getValue();
      double d;
      if (e.getKey().equals("server_state")) {
        d = serverState(target, v);
      } else {
        try {
          d = Double.parseDouble(v);
        } catch (NumberFormatException ex) {
          throw new CollectException(target + ": " + what + " value of " + e.getKey() + " is not a number: " + snippet(v));
        }
        if (Double.isNaN(d) || Double.isInfinite(d)) {
          throw new CollectException(target + ": " + what + " value of " + e.getKey() + " is not a finite number: " + snippet(v));
        }
      }
      out.put(name, d);
    }
    return out;
  }

  /** leader=2, follower=1, standalone=0, observer=3. */
  static double serverState(String target, String state) throws CollectException {
    switch (state) {
      case "leader": return 2;
      case "follower": return 1;
      case "standalone": return 0;
      case "observer": return 3;
      default: throw new CollectException(target + ": unknown server_state " + snippet(state));
    }
  }

  private static SeriesKind kindOf(MetricSpec spec) {
    return "counter".equals(spec.kind) ? SeriesKind.COUNTER : SeriesKind.GAUGE;
  }

  static String snippet(String s) {
    String one = s.replaceAll("[\\p{Cntrl}&&[^\t]]", "?");
    return "\"" + (one.length() > 120 ? one.substring(0, 120) + "…" : one) + "\"";
  }

  /** One scrape for the collection service; see {@link #collect(Scrape)}. */
  @Override
  public void scrape(Scrape out) throws CollectException {
    collect(out);
  }

  /** Nothing to release: every reading opens and closes its own connection. */
  @Override
  public void close() {}
}
