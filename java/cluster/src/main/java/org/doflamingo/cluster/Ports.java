package org.doflamingo.cluster;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Free TCP ports on 127.0.0.1, never the same one twice in this JVM, taken below the kernel's
 * ephemeral range: a port the kernel hands out for {@code bind(0)} is one it may also give any
 * outgoing connection as its local port in the seconds before the child JVM binds it (a broker
 * then dies with "Address already in use"); below the range only another listener can take it.
 */
public final class Ports {
  public static final String HOST = "127.0.0.1";
  /** The lowest port handed out: above the well-known and most registered services' ports. */
  private static final int LOWEST = 20_000;
  private static final Set<Integer> HANDED_OUT = ConcurrentHashMap.newKeySet();

  private Ports() {
  }

  public static int free() {
    int below = ephemeralLow();
    if (below - LOWEST >= 1000) {
      // a random start: JVMs running at once rarely try the same ports
      int span = below - LOWEST;
      int start = ThreadLocalRandom.current().nextInt(span);
      for (int i = 0; i < span; i++) {
        int port = LOWEST + (start + i) % span;
        if (!HANDED_OUT.contains(port) && bindable(port) && HANDED_OUT.add(port)) return port;
      }
    }
    return anyFree(); // no room below the ephemeral range
  }

  private static boolean bindable(int port) {
    try (ServerSocket s = new ServerSocket()) {
      s.bind(new InetSocketAddress(InetAddress.getByName(HOST), port), 1);
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  private static int anyFree() {
    for (int attempt = 0; attempt < 100; attempt++) {
      try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName(HOST))) {
        int port = s.getLocalPort();
        if (HANDED_OUT.add(port)) return port;
      } catch (IOException e) {
        throw new ClusterException("no free port: " + e, e);
      }
    }
    throw new ClusterException("no free port after 100 attempts");
  }

  /** The first port of Linux's ephemeral range (32768 by default); elsewhere IANA's (49152). */
  private static int ephemeralLow() {
    try {
      // read as lines: /proc reports a size that readAllBytes takes at its word (one byte here)
      String range = Files.readAllLines(Paths.get("/proc/sys/net/ipv4/ip_local_port_range"), StandardCharsets.US_ASCII).get(0);
      return Integer.parseInt(range.trim().split("\\s+")[0]);
    } catch (IOException | RuntimeException e) {
      return 49_152;
    }
  }

  /** Whether something accepts TCP connections on 127.0.0.1:port. */
  public static boolean accepts(int port) {
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress(HOST, port), 500);
      return true;
    } catch (IOException e) {
      return false;
    }
  }
}
