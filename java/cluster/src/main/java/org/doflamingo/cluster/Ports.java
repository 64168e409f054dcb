package org.doflamingo.cluster;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** Free TCP ports on 127.0.0.1, never the same one twice in this JVM. */
public final class Ports {
  public static final String HOST = "127.0.0.1";
  private static final Set<Integer> HANDED_OUT = ConcurrentHashMap.newKeySet();

  private Ports() {
  }

  public static int free() {
    for (int attempt = 0; attempt < 100; attempt++) {
      try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName(HOST))) {
        int port = s.getLocalPort();
        if (HANDED_OUT.add(port)) {
          return port;
        }
      } catch (IOException e) {
        throw new ClusterException("no free port: " + e, e);
      }
    }
    throw new ClusterException("no free port after 100 attempts");
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
