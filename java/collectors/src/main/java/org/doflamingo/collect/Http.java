package org.doflamingo.collect;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.SocketTimeoutException;
import java.net.URL;
import java.nio.charset.StandardCharsets;

/** HTTP (and HTTPS) GETs for collectors: connect and read timeouts, a bounded body, on the caller's thread. */
public final class Http {
  private Http() {
  }

  /**
   * The body of a 200 answer to a GET of {@code url}, as UTF-8.
   *
   * @throws CollectException naming {@code target}: no connection, timeout, not 200, body over
   *     {@code maxBytes}
   */
  public static String get(String target, String url, int connectTimeoutMs, int readTimeoutMs, int maxBytes)
      throws CollectException {
    return get(target, url, connectTimeoutMs, readTimeoutMs, maxBytes, null);
  }

  /** As {@link #get(String, String, int, int, int)}; an https URL goes through {@code tls} (null: the JVM's default). */
  public static String get(String target, String url, int connectTimeoutMs, int readTimeoutMs, int maxBytes,
      javax.net.ssl.SSLSocketFactory tls) throws CollectException {
    HttpURLConnection c = null;
    try {
      c = (HttpURLConnection) new URL(url).openConnection();
      if (tls != null && c instanceof javax.net.ssl.HttpsURLConnection) ((javax.net.ssl.HttpsURLConnection) c).setSSLSocketFactory(tls);
      c.setConnectTimeout(connectTimeoutMs);
      c.setReadTimeout(readTimeoutMs);
      c.setUseCaches(false);
      c.setInstanceFollowRedirects(false);
      c.setRequestProperty("Accept", "application/json");
      int status = c.getResponseCode();
      if (status != 200) throw new CollectException(target + ": GET " + url + " answered HTTP " + status);
      long declared = c.getContentLengthLong();
      if (declared > maxBytes) {
        throw new CollectException(target + ": GET " + url + " body of " + declared + " bytes is over the limit of " + maxBytes);
      }
      try (InputStream in = c.getInputStream()) {
        return readBounded(in, maxBytes, System.nanoTime() + readTimeoutMs * 1_000_000L, target + ": GET " + url);
      }
    } catch (SocketTimeoutException e) {
      throw new CollectException(target + ": GET " + url + " timed out (connect " + connectTimeoutMs + " ms, read "
          + readTimeoutMs + " ms)", e);
    } catch (IOException e) {
      throw new CollectException(target + ": GET " + url + " failed: " + e, e);
    } finally {
      if (c != null) c.disconnect();
    }
  }

  /**
   * Reads a stream to its end as UTF-8, failing past {@code maxBytes} or when the body is still
   * coming at {@code deadlineNanos} (a server dripping bytes just inside the read timeout).
   */
  static String readBounded(InputStream in, int maxBytes, long deadlineNanos, String what) throws IOException, CollectException {
    ByteArrayOutputStream out = new ByteArrayOutputStream(Math.min(maxBytes, 8192));
    byte[] buf = new byte[8192];
    int n;
    while ((n = in.read(buf)) >= 0) {
      if (out.size() + n > maxBytes) throw new CollectException(what + ": answer is over the limit of " + maxBytes + " bytes");
      out.write(buf, 0, n);
      if (System.nanoTime() - deadlineNanos > 0) throw new SocketTimeoutException("body still arriving at the read timeout");
    }
    return new String(out.toByteArray(), StandardCharsets.UTF_8);
  }
}
