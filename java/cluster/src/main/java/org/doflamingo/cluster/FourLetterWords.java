package org.doflamingo.cluster;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/** ZooKeeper's four-letter words ({@code ruok}, {@code srvr}, {@code mntr}, ...) over the client port. */
public final class FourLetterWords {
  private FourLetterWords() {
  }

  public static String send(String host, int port, String word) throws IOException {
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress(host, port), 1000);
      s.setSoTimeout(3000);
      OutputStream out = s.getOutputStream();
      out.write(word.getBytes(StandardCharsets.US_ASCII));
      out.flush();
      s.shutdownOutput();
      InputStream in = s.getInputStream();
      return new String(ApacheRuntime.readAll(in), StandardCharsets.UTF_8);
    }
  }
}
