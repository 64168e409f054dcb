package org.doflamingo.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.ServerSocket;
import org.junit.jupiter.api.Test;

/** What keeps the host from starting, each said in one line naming the setting. */
class HostStartTest {
  @Test
  void anotherAddressWithoutUsersIsRefused() throws Exception {
    HostException e = assertThrows(HostException.class, () -> Host.start(WebConfig.parse("{\"bind\": \"0.0.0.0\"}"), 0));
    assertTrue(e.isSettings());
    assertEquals("web.bind is 0.0.0.0, not a loopback address, and web.users is empty: anyone who reaches the port"
        + " would see every cluster; add web.users (user with passwordFile or passwordEnv) or bind to 127.0.0.1", e.getMessage());
  }

  @Test
  void aTakenPortIsOneLine() throws Exception {
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      int port = taken.getLocalPort();
      HostException e = assertThrows(HostException.class, () -> Host.start(WebConfig.defaults(), port));
      assertTrue(e.isSettings());
      assertEquals("port " + port + " on 127.0.0.1 is already in use: choose another with --port or web.port", e.getMessage());
    }
  }
}
