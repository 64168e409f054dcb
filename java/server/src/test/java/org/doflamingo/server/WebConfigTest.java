package org.doflamingo.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.doflamingo.config.ConfigException;
import org.doflamingo.config.MonitorConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The configuration's "web" section, which only the standalone server reads. */
class WebConfigTest {
  private static final String BASE = "{\"storage\": {\"path\": \"d\"}, \"flume\": [{\"name\": \"a\", \"host\": \"h\", \"httpPort\": 1}]";

  @Test
  void webDefaultsToLoopbackWithoutUsers() throws Exception {
    WebConfig web = WebConfig.of(MonitorConfig.parse(BASE + "}"));
    assertEquals("127.0.0.1", web.bind);
    assertEquals(8080, web.port);
    assertTrue(web.users.isEmpty());
  }

  @Test
  void readsWebSection(@TempDir Path tmp) throws Exception {
    Path file = tmp.resolve("admin.password");
    Files.write(file, "s3cret-web\n".getBytes(StandardCharsets.UTF_8));
    MonitorConfig c = MonitorConfig.parse(BASE + ", \"web\": {\"bind\": \"0.0.0.0\", \"port\": 9090, \"users\": [{\"user\": \"admin\","
        + " \"passwordFile\": \"" + file + "\"}, {\"user\": \"ops\", \"password\": \"pw2\"}]}}");
    WebConfig web = WebConfig.of(c);
    assertEquals("0.0.0.0", web.bind);
    assertEquals(9090, web.port);
    assertEquals("admin", web.users.get(0).user());
    assertEquals("s3cret-web", web.users.get(0).password());
    assertEquals("pw2", web.users.get(1).password());
    assertFalse(web.toString().contains("s3cret-web"), web.toString());
    assertFalse(c.toString().contains("s3cret-web"), c.toString());
  }

  @Test
  void webErrorsNameTheField() throws Exception {
    String base = BASE + ", \"web\": ";
    assertError("web.port: expected a port number 1-65535, got the number 0", base + "{\"port\": 0}}");
    assertError("web.bind: must not be empty", base + "{\"bind\": \" \"}}");
    assertError("web.adress: unknown setting; expected one of [bind, port, users]", base + "{\"adress\": \"x\"}}");
    assertError("web.users[0].user: is required", base + "{\"users\": [{\"password\": \"x\"}]}}");
    assertError("web.users[0]: give exactly one of password, passwordFile, passwordEnv", base + "{\"users\": [{\"user\": \"u\"}]}}");
    assertError("web.users[1].user: \"u\" is listed twice",
        base + "{\"users\": [{\"user\": \"u\", \"password\": \"x\"}, {\"user\": \"u\", \"password\": \"y\"}]}}");
    assertError("web: expected an object {...}, got a list", base + "[]}");
    assertEquals(9000, WebConfig.parse("{\"port\": 9000}").port, "the section alone reads the same way");
    assertEquals("web.port: expected a port number 1-65535, got the string \"x\"",
        assertThrows(ConfigException.class, () -> WebConfig.parse("{\"port\": \"x\"}")).getMessage());
  }

  private static void assertError(String expected, String json) {
    assertEquals(expected, assertThrows(ConfigException.class, () -> WebConfig.of(MonitorConfig.parse(json))).getMessage());
  }
}
