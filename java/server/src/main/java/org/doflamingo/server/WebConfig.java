package org.doflamingo.server;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.doflamingo.config.ConfigException;
import org.doflamingo.config.Credentials;
import org.doflamingo.config.MonitorConfig;
import org.doflamingo.config.Node;

/**
 * Where the standalone server listens and who may use it: the optional {@code "web"} section.
 *
 * <pre>{@code
 * "web": {"bind": "127.0.0.1", "port": 8080,
 *         "users": [{"user": "admin", "passwordFile": "/etc/doflamingo/admin.password"}]}
 * }</pre>
 *
 * Absent, the server listens on 127.0.0.1:8080 with no users. The configuration keeps the
 * section as written ({@link MonitorConfig#web}); only this server reads it: inside Flamingo 2
 * Flamingo's own server and login apply.
 */
public final class WebConfig {
  public static final String DEFAULT_BIND = "127.0.0.1";
  public static final int DEFAULT_PORT = 8080;

  /** Address to listen on: an IP address or a host name. */
  public final String bind;
  public final int port;
  /** Who may log in; empty: nobody needs to (allowed only on a loopback address). */
  public final List<Credentials> users;

  private WebConfig(String bind, int port, List<Credentials> users) {
    this.bind = bind;
    this.port = port;
    this.users = Collections.unmodifiableList(users);
  }

  /** The defaults: 127.0.0.1:8080, no users. */
  public static WebConfig defaults() {
    return new WebConfig(DEFAULT_BIND, DEFAULT_PORT, new ArrayList<Credentials>());
  }

  /**
   * The section on its own, as it would appear under {@code "web"} (for hosts and tests that have
   * no whole configuration); errors name the fields as {@code web.*}.
   */
  public static WebConfig parse(String json) throws ConfigException {
    JsonNode root;
    try {
      root = new ObjectMapper().readTree(json);
    } catch (JsonProcessingException e) {
      throw new ConfigException("web", "not valid JSON: " + e.getOriginalMessage());
    } catch (IOException e) {
      throw new ConfigException("web", "cannot read: " + e.getMessage());
    }
    if (root == null || !root.isObject()) throw new ConfigException("web", "expected an object {...}");
    return read(new Node(root, "web"));
  }

  /** The configuration's {@code "web"} section, or the defaults when it has none. */
  public static WebConfig of(MonitorConfig config) throws ConfigException {
    return read(config.web);
  }

  /** @param n the section, or null when the configuration has none */
  private static WebConfig read(Node n) throws ConfigException {
    if (n == null) return defaults();
    n.only("bind", "port", "users");
    String bind = n.optText("bind", DEFAULT_BIND);
    int port = n.optPort("port", DEFAULT_PORT);
    List<Credentials> users = new ArrayList<>();
    Set<String> names = new HashSet<>();
    for (Node u : n.objects("users")) {
      Credentials c = Credentials.read(u);
      if (!names.add(c.user())) throw u.error("user", "\"" + c.user() + "\" is listed twice");
      users.add(c);
    }
    return new WebConfig(bind, port, users);
  }

  @Override
  public String toString() {
    return "Web{" + bind + ":" + port + (users.isEmpty() ? "" : ", users " + users) + "}";
  }
}
