package org.doflamingo.collect;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.doflamingo.config.ConfigException;
import org.doflamingo.config.MonitorConfig;
import org.doflamingo.engine.SeriesKey;
import org.doflamingo.engine.SeriesKind;

/** Fake targets on 127.0.0.1 for the collectors' unit tests, and a scrape that remembers. */
public final class FakeServers {
  private FakeServers() {
  }

  /** A Scrape that keeps what it was given. */
  public static final class Recorded implements Scrape {
    public static final class Add {
      public final SeriesKey key;
      public final SeriesKind kind;
      public final double value;

      Add(SeriesKey key, SeriesKind kind, double value) {
        this.key = key;
        this.kind = kind;
        this.value = value;
      }
    }

    public final List<Add> adds = new ArrayList<>();

    @Override
    public synchronized void add(SeriesKey key, SeriesKind kind, double value) {
      adds.add(new Add(key, kind, value));
    }

    @Override
    public long timeMillis() {
      return 0;
    }

    public Add get(String name, String label, String value) {
      for (Add a : adds) if (a.key.name().equals(name) && value.equals(a.key.label(label))) return a;
      return null;
    }
  }

  /**
   * A raw TCP server: for every connection, reads up to 4 bytes (the four-letter word) then answers
   * {@code answer} and closes; with {@code answer == null} it never answers (a hung server) until closed.
   */
  public static final class RawServer implements AutoCloseable {
    private final ServerSocket server;
    private final Thread thread;
    private final List<Socket> open = new ArrayList<>();
    private final CountDownLatch closed = new CountDownLatch(1);

    public RawServer(final byte[] answer) throws IOException {
      server = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"));
      thread = new Thread(() -> {
        while (!server.isClosed()) {
          try {
            Socket s = server.accept();
            synchronized (open) {
              open.add(s);
            }
            byte[] word = new byte[4];
            int got = 0;
            while (got < 4) {
              int n = s.getInputStream().read(word, got, 4 - got);
              if (n < 0) break;
              got += n;
            }
            if (answer != null) {
              s.getOutputStream().write(answer);
              s.close();
            }
          } catch (IOException e) {
            // closed
          }
        }
      }, "fake-raw-server");
      thread.setDaemon(true);
      thread.start();
    }

    public int port() {
      return server.getLocalPort();
    }

    @Override
    public void close() throws Exception {
      server.close();
      synchronized (open) {
        for (Socket s : open) s.close();
      }
      thread.join(2000);
      closed.countDown();
    }
  }

  /** An HTTP server answering {@code path} with {@code status} and {@code body} after {@code delayMs}. */
  public static HttpServer http(String path, int status, String body, long delayMs) throws IOException {
    HttpServer s = HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0), 10);
    final byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    final CountDownLatch never = new CountDownLatch(1);
    s.createContext(path, x -> {
      try {
        if (delayMs > 0) never.await(delayMs, TimeUnit.MILLISECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      x.getResponseHeaders().add("Content-Type", "application/json");
      x.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
      try (OutputStream out = x.getResponseBody()) {
        out.write(bytes);
      } catch (IOException e) {
        // the client gave up
      }
    });
    s.setExecutor(java.util.concurrent.Executors.newCachedThreadPool(r -> {
      Thread t = new Thread(r, "fake-http");
      t.setDaemon(true);
      return t;
    }));
    s.start();
    return s;
  }

  public static MonitorConfig config(String watched) throws ConfigException {
    return MonitorConfig.parse("{\"storage\": {\"path\": \"target/unused\"}, " + watched + "}");
  }
}
