package org.doflamingo.server;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.security.ProtectionDomain;
import java.util.EnumSet;
import javax.servlet.DispatcherType;
import javax.servlet.SessionTrackingMode;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.SessionManager;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.servlet.FilterHolder;
import org.eclipse.jetty.servlet.ServletContextHandler;
import org.eclipse.jetty.servlet.ServletHolder;
import org.eclipse.jetty.util.resource.Resource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.context.ContextLoader;
import org.springframework.web.context.ContextLoaderListener;
import org.springframework.web.context.WebApplicationContext;
import org.springframework.web.filter.CharacterEncodingFilter;
import org.springframework.web.filter.DelegatingFilterProxy;
import org.springframework.web.servlet.DispatcherServlet;
import org.springframework.web.servlet.FrameworkServlet;

/**
 * The stand-in Flamingo 2 host: an embedded servlet container set up as Flamingo's web.xml sets up
 * Tomcat, so a module (Spring beans found by the component scan, a Quartz job, STOMP pushes, REST
 * controllers, menu rows) runs here as it runs in Flamingo.
 *
 * <p>Container: Jetty 9.2 (Servlet 3.1). Spring 4.1 upgrades WebSocket connections through the
 * container's own API, and its {@code JettyRequestUpgradeStrategy} is written against the
 * {@code WebSocketServerFactory} of Jetty 9.1/9.2 (9.3 changed it), so 9.2 is the newest Jetty it
 * works with; tried first, it carries STOMP over SockJS (WebSocket and HTTP transports) on JDK 17
 * with nothing more than java.lang opened for Spring's CGLIB. It also runs on Java 8 like
 * everything Flamingo loads, starts in well under a second, serves the {@code META-INF/resources}
 * of class path jars as one resource collection, and lets us bind the port before any Spring bean
 * starts, so a taken port is reported without booting the module. Tomcat 8.0 (Spring's other
 * strategy for this generation) was not needed. Both are past their end of life, like Spring 4.1:
 * the host listens on loopback unless told otherwise, and refuses other addresses without users.
 */
public final class Host implements AutoCloseable {
  /** Servlet name of the DispatcherServlet, as in Flamingo's web.xml. */
  static final String DISPATCHER = "dispatcher";
  /** Session lifetime: REST clients without a cookie jar leave a session per call behind. */
  private static final int SESSION_SECONDS = 30 * 60;
  static final String FLAMINGO_PROFILE = "flamingo";
  static final String STANDALONE_PROFILE = "standalone";
  private static final Logger log = LoggerFactory.getLogger(Host.class);

  private final Server server;
  private final ServletContextHandler context;
  private final URI uri;

  private Host(Server server, ServletContextHandler context, URI uri) {
    this.server = server;
    this.context = context;
    this.uri = uri;
  }

  /**
   * Binds {@code web.bind}:{@code port} (0: any free port), then starts the Spring contexts.
   *
   * @throws HostException with a message for the operator: a setting that is not allowed, a port
   *     already taken, or a context that did not start
   */
  public static Host start(WebConfig web, int port) throws HostException {
    return start(web, port, null);
  }

  /**
   * The host as Flamingo 2 runs: form login only (no HTTP Basic, no open access even on loopback),
   * Quartz on the JDBC job store and the menu in {@code database}, the web root served from the
   * class path's {@code resources/} folders as Flamingo serves its {@code webapp/resources}
   * ({@code <mvc:resources mapping="/**" location="/resources/"/>}), menu rows only as run into the
   * database. The tests of the module against a faithful host use it; the standalone server does not.
   */
  public static Host startLikeFlamingo(WebConfig web, int port, FlamingoDatabase database) throws HostException {
    if (web.users.isEmpty()) throw HostException.ofSettings("web.users: Flamingo's host has form login only: give at least one user");
    return start(web, port, database);
  }

  private static Host start(WebConfig web, int port, FlamingoDatabase database) throws HostException {
    requireOpenJavaLang();
    WebAccess access = WebAccess.of(web);
    Server server = new Server();
    HttpConfiguration http = new HttpConfiguration();
    // Jetty 9.2 is past its end of life: do not tell every client which version answers.
    http.setSendServerVersion(false);
    ServerConnector connector = new ServerConnector(server, new HttpConnectionFactory(http));
    connector.setHost(web.bind);
    connector.setPort(port);
    server.addConnector(connector);
    ServletContextHandler context = context(access, database);
    server.setHandler(context);
    try {
      connector.open();
    } catch (IOException e) {
      throw HostException.cannotListen(web.bind, port, e);
    }
    try {
      server.start();
    } catch (Exception e) {
      stop(server);
      throw new HostException("the web host did not start: " + rootCause(e), e);
    }
    String host = web.bind.contains(":") ? "[" + web.bind + "]" : web.bind;
    URI uri = URI.create("http://" + host + ":" + connector.getLocalPort() + "/");
    log.info("web host on {} ({})", uri, access);
    return new Host(server, context, uri);
  }

  /**
   * Spring 4.1 (Flamingo 2's) generates classes with its repackaged CGLIB, which calls
   * ClassLoader.defineClass by reflection; Java 16 and later refuse that unless java.lang is opened.
   * Checked first, so the operator learns it before anything starts (a demo's clusters take a minute).
   */
  static void requireOpenJavaLang() throws HostException {
    try {
      ClassLoader.class.getDeclaredMethod("defineClass", String.class, byte[].class, int.class, int.class,
          ProtectionDomain.class).setAccessible(true);
    } catch (NoSuchMethodException | RuntimeException e) {
      throw HostException.ofSettings("Java " + System.getProperty("java.version") + " keeps java.lang closed, and Spring 4.1"
          + " needs it open: run java with --add-opens java.base/java.lang=ALL-UNNAMED (for mvn exec:java, put it in"
          + " MAVEN_OPTS or .mvn/jvm.config)");
    }
  }

  /**
   * Whether {@code bind:port} can be listened on now, for callers with a long way to go before
   * {@link #start} (the demo's clusters): they learn of a taken port before, not after.
   */
  static void requirePortFree(String bind, int port) throws HostException {
    try (ServerSocket probe = new ServerSocket()) {
      probe.setReuseAddress(true);
      probe.bind(new InetSocketAddress(bind, port));
    } catch (IOException e) {
      throw HostException.cannotListen(bind, port, e);
    }
  }

  /** The innermost cause, which says what went wrong (the outer ones say where). */
  private static String rootCause(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) root = root.getCause();
    return root.toString();
  }

  /**
   * What Flamingo's web.xml declares, in its order. The Spring profile {@value #FLAMINGO_PROFILE}
   * (with a database) or {@value #STANDALONE_PROFILE} picks the beans that differ between the two
   * (host/*.xml).
   */
  private static ServletContextHandler context(WebAccess access, FlamingoDatabase database) {
    ServletContextHandler context = new ServletContextHandler(ServletContextHandler.SESSIONS);
    context.setContextPath("/");
    SessionManager sessions = context.getSessionHandler().getSessionManager();
    sessions.setMaxInactiveInterval(SESSION_SECONDS);
    // The session id only in an HttpOnly cookie, never in a URL (redirects would carry it along).
    sessions.setSessionTrackingModes(EnumSet.of(SessionTrackingMode.COOKIE));
    sessions.getSessionCookieConfig().setHttpOnly(true);
    Resource statics = StaticResources.onClasspath(Thread.currentThread().getContextClassLoader());
    if (statics != null) context.setBaseResource(statics);
    context.setAttribute(WebAccess.ATTRIBUTE, access);
    if (database != null) context.setAttribute(FlamingoDatabase.ATTRIBUTE, database);
    context.setInitParameter("spring.profiles.active", database != null ? FLAMINGO_PROFILE : STANDALONE_PROFILE);

    context.setInitParameter(ContextLoader.CONFIG_LOCATION_PARAM, "classpath:host/applicationContext.xml");
    context.addEventListener(new ContextLoaderListener());

    // Every filter and the servlet take async requests: SockJS's HTTP transports are async.
    EnumSet<DispatcherType> requests = EnumSet.of(DispatcherType.REQUEST, DispatcherType.ASYNC);
    FilterHolder encoding = new FilterHolder(CharacterEncodingFilter.class);
    encoding.setName("encodingFilter");
    encoding.setInitParameter("encoding", "UTF-8");
    encoding.setInitParameter("forceEncoding", "true");
    encoding.setAsyncSupported(true);
    context.addFilter(encoding, "/*", requests);

    if (access.isOpen() && database == null) {
      FilterHolder loopback = new FilterHolder(new LoopbackHostFilter(access.bind()));
      loopback.setName("loopbackHostFilter");
      loopback.setAsyncSupported(true);
      context.addFilter(loopback, "/*", requests);
    }

    // The security filter chain is a bean of the DispatcherServlet's context (Flamingo loads
    // applicationContext-security.xml there), so the proxy looks it up under that context's
    // attribute, lazily: the servlet starts after the filters.
    FilterHolder security = new FilterHolder(DelegatingFilterProxy.class);
    security.setName("springSecurityFilterChain");
    security.setInitParameter("contextAttribute", FrameworkServlet.SERVLET_CONTEXT_PREFIX + DISPATCHER);
    security.setAsyncSupported(true);
    context.addFilter(security, "/*", requests);

    ServletHolder dispatcher = new ServletHolder(DISPATCHER, DispatcherServlet.class);
    dispatcher.setInitParameter("contextConfigLocation", "classpath:host/dispatcher-servlet.xml "
        + "classpath:host/applicationContext-security.xml classpath:host/applicationContext-engine.xml");
    dispatcher.setInitOrder(1);
    dispatcher.setAsyncSupported(true);
    context.addServlet(dispatcher, "/");
    return context;
  }

  /** Where the host answers, e.g. {@code http://127.0.0.1:8080/}. */
  public URI uri() {
    return uri;
  }

  /** The port actually bound (the one asked for, or the free one picked for 0). */
  public int port() {
    return uri.getPort();
  }

  /** The DispatcherServlet's context, where the component scan puts the module's beans. */
  public WebApplicationContext dispatcherContext() {
    return (WebApplicationContext) context.getServletContext().getAttribute(FrameworkServlet.SERVLET_CONTEXT_PREFIX + DISPATCHER);
  }

  /** Blocks until the host has stopped. */
  public void join() throws InterruptedException {
    server.join();
  }

  /**
   * Stops taking requests, then closes the contexts: the dispatcher's (Quartz lets running jobs
   * finish, the module closes its engine), then the root context (the menu database).
   */
  @Override
  public void close() {
    stop(server);
    log.info("web host on {} stopped", uri);
  }

  private static void stop(Server server) {
    try {
      server.stop();
    } catch (Exception e) {
      log.warn("stopping the web host: {}", e.toString());
    }
  }
}
