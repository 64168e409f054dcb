package org.doflamingo.server;

import java.io.IOException;

/**
 * The stand-in host as a JVM of its own, the way Flamingo runs in Tomcat: whatever the class path
 * holds is what Flamingo's WEB-INF/lib would hold, and the module reads its configuration from
 * {@code -Ddoflamingo.config}, failing or not without stopping the host. Started by {@link ChildHost}.
 * Arguments: the port, then the {@code web} settings as JSON (optional). With
 * {@code -Dhost.flamingo.jdbc=URL -Dhost.flamingo.user=USER} (the password in the environment
 * variable {@value #PASSWORD_ENV}) it runs in Flamingo's mode on that database
 * ({@link Host#startLikeFlamingo}). Prints {@value #READY} and the host's URI once it answers;
 * stops when its standard input ends.
 */
public final class FlamingoHostMain {
  static final String READY = "FLAMINGO HOST READY ";
  static final String PASSWORD_ENV = "HOST_FLAMINGO_PASSWORD";

  private FlamingoHostMain() {}

  public static void main(String[] args) throws Exception {
    WebConfig web = args.length > 1 ? WebConfig.parse(args[1]) : WebConfig.defaults();
    int port = Integer.parseInt(args[0]);
    String jdbc = System.getProperty("host.flamingo.jdbc");
    try (Host host = jdbc == null ? Host.start(web, port) : Host.startLikeFlamingo(web, port,
        new FlamingoDatabase(jdbc, System.getProperty("host.flamingo.user"), System.getenv(PASSWORD_ENV)))) {
      System.out.println(READY + host.uri());
      System.out.flush();
      awaitEndOfInput();
    }
  }

  private static void awaitEndOfInput() throws IOException {
    while (System.in.read() >= 0) {
      // nothing is read from the parent; its closing the pipe is the signal to stop
    }
  }
}
