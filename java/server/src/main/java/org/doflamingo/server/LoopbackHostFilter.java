package org.doflamingo.server;

import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.regex.Pattern;
import javax.servlet.Filter;
import javax.servlet.FilterChain;
import javax.servlet.FilterConfig;
import javax.servlet.ServletException;
import javax.servlet.ServletRequest;
import javax.servlet.ServletResponse;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

/**
 * When the host is open (no users, loopback), answers only requests addressed to a loopback name.
 * A web page elsewhere could otherwise read the monitoring data through DNS rebinding: its own
 * host name, re-pointed at 127.0.0.1, keeps the page's origin, and with no login nothing else
 * would stop it. Host names are never resolved here (that is what the attacker controls).
 */
final class LoopbackHostFilter implements Filter {
  private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
  private final String bind;

  LoopbackHostFilter(String bind) {
    this.bind = bind.toLowerCase(Locale.ROOT);
  }

  @Override
  public void init(FilterConfig filterConfig) {
  }

  @Override
  public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain) throws IOException, ServletException {
    String host = ((HttpServletRequest) request).getHeader("Host");
    if (host == null || isLoopbackName(hostPart(host))) {
      chain.doFilter(request, response);
      return;
    }
    HttpServletResponse http = (HttpServletResponse) response;
    http.setStatus(HttpServletResponse.SC_FORBIDDEN);
    http.setContentType("text/plain;charset=UTF-8");
    http.getOutputStream().write(("Without web.users this server answers only to localhost, 127.0.0.1 or [::1]"
        + " (configure web.users to reach it under another name).\n").getBytes(StandardCharsets.UTF_8));
  }

  /** {@code name:port}, {@code [v6]:port} or either without a port, to the name or address. */
  static String hostPart(String hostHeader) {
    String h = hostHeader.trim().toLowerCase(Locale.ROOT);
    if (h.startsWith("[")) {
      int end = h.indexOf(']');
      return end < 0 ? h : h.substring(0, end + 1);
    }
    int colon = h.indexOf(':');
    return colon < 0 ? h : h.substring(0, colon);
  }

  boolean isLoopbackName(String host) {
    if (host.equals("localhost") || host.equals(bind)) return true;
    if (IPV4.matcher(host).matches()) return host.startsWith("127.");
    if (host.startsWith("[") && host.endsWith("]") && host.indexOf(':') > 0) {
      try {
        // an IPv6 literal (it has a colon), parsed without any lookup
        return InetAddress.getByName(host.substring(1, host.length() - 1)).isLoopbackAddress();
      } catch (UnknownHostException e) {
        return false;
      }
    }
    return false;
  }

  @Override
  public void destroy() {
  }
}
