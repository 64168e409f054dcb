package org.doflamingo.server;

import java.io.PrintStream;
import java.nio.file.Path;
import java.nio.file.Paths;
import org.doflamingo.config.ConfigException;
import org.doflamingo.config.MonitorConfig;
import org.doflamingo.engine.EngineConfig;
import org.doflamingo.engine.RetentionClass;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The standalone server: the stand-in Flamingo 2 host with the Doflamingo module in it.
 *
 * <pre>
 * --config FILE [--port N]       watch what FILE names; listen on web.bind:web.port (or N)
 * demo [--port N] [--data DIR] [--kraft]
 *                                start real clusters under DIR (default ~/.doflamingo/demo), then watch them;
 *                                --kraft adds a Kafka 4.x KRaft cluster with dedicated controllers
 * sizing [--partitions N ...]     print disk and memory for a cluster of that shape (see {@link Sizing})
 * </pre>
 *
 * Exit codes: 0 after Ctrl-C, 2 for what the operator has to fix (arguments, configuration, a
 * taken port), 1 when something failed inside.
 */
public final class Main {
  /** Where the module reads its configuration from: the file's absolute path. */
  public static final String CONFIG_PROPERTY = "doflamingo.config";
  static final int FAILED = 1;
  static final int FIX_SETTINGS = 2;
  static final String USAGE = "usage: doflamingo --config FILE [--port N]\n"
      + "       doflamingo demo [--port N] [--data DIR] [--kraft]\n"
      + "       doflamingo sizing " + Sizing.OPTIONS;
  private static final Logger log = LoggerFactory.getLogger(Main.class);

  private final PrintStream out;
  private final PrintStream err;

  Main(PrintStream out, PrintStream err) {
    this.out = out;
    this.err = err;
  }

  public static void main(String[] args) {
    routeJdkLogging();
    int code = new Main(System.out, System.err).run(args);
    if (code != 0) System.exit(code);
  }

  /**
   * The JDK's own classes (JMX, RMI) log through java.util.logging, whose console handler would
   * print a second format on standard error: routed to SLF4J instead, one stream for the operator
   * with its levels in simplelogger.properties.
   */
  static void routeJdkLogging() {
    org.slf4j.bridge.SLF4JBridgeHandler.removeHandlersForRootLogger();
    org.slf4j.bridge.SLF4JBridgeHandler.install();
  }

  /** Starts what {@code args} ask for and blocks until it is stopped; returns the exit code. */
  int run(String[] args) {
    if (args.length > 0 && args[0].equals("sizing")) return sizing(java.util.Arrays.copyOfRange(args, 1, args.length));
    Options options;
    try {
      options = Options.parse(args);
    } catch (IllegalArgumentException e) {
      err.println(e.getMessage());
      err.println(USAGE);
      return FIX_SETTINGS;
    }
    if (options.help) {
      out.println(USAGE);
      return 0;
    }
    try {
      Host.requireOpenJavaLang();
    } catch (HostException e) {
      err.println(e.getMessage());
      return FIX_SETTINGS;
    }
    return options.demo ? demo(options) : serve(options.config, options.port, null, null);
  }

  private int sizing(String[] args) {
    try {
      out.print(Sizing.parse(args).render());
      return 0;
    } catch (IllegalArgumentException e) {
      err.println(e.getMessage());
      err.println("usage: doflamingo sizing " + Sizing.OPTIONS);
      return FIX_SETTINGS;
    } catch (ConfigException e) {
      err.println(e.getMessage());
      return FIX_SETTINGS;
    }
  }

  private int demo(Options options) {
    // the demo's configuration has no web section: the defaults, or --port
    try {
      Host.requirePortFree(WebConfig.DEFAULT_BIND, options.port > 0 ? options.port : WebConfig.DEFAULT_PORT);
    } catch (HostException e) {
      err.println(e.getMessage());
      return FIX_SETTINGS;
    }
    Demo demo;
    Progress progress = new Progress(out, Demo.steps(options.kraft));
    out.println("Doflamingo demo: data under " + options.data.toAbsolutePath() + " (" + historyCost() + ")");
    try {
      demo = Demo.start(options.data, progress, options.kraft);
    } catch (Exception e) {
      progress.close();
      err.println("the demo clusters did not start: " + e.getMessage());
      log.debug("demo start", e);
      return FAILED;
    }
    return serve(demo.configFile(), options.port, demo, progress);
  }

  /**
   * Loads the configuration, starts the host, waits until Ctrl-C. On the way out the host stops
   * first (the module closes its engine while the clusters still answer), then the demo's clusters.
   *
   * @param port the port to use instead of web.port, or -1
   * @param demo clusters to stop after the host, or null
   * @param progress the demo's steps, or null
   */
  private int serve(Path file, int port, Demo demo, Progress progress) {
    Host host;
    try {
      MonitorConfig config = MonitorConfig.load(file);
      WebConfig web = WebConfig.of(config);
      StoragePath.requireWritable(config.storagePath);
      System.setProperty(CONFIG_PROPERTY, file.toAbsolutePath().toString());
      int listen = port > 0 ? port : web.port;
      host = progress == null ? Host.start(web, listen)
          : progress.step("Doflamingo: web host on " + web.bind + ":" + listen, () -> Host.start(web, listen));
    } catch (ConfigException e) {
      err.println(e.getMessage());
      return stopped(demo, progress, FIX_SETTINGS);
    } catch (HostException e) {
      err.println(e.getMessage());
      if (!e.isSettings()) log.error("web host start", e.getCause());
      return stopped(demo, progress, e.isSettings() ? FIX_SETTINGS : FAILED);
    } catch (Exception e) {
      err.println("the web host did not start: " + e);
      log.error("web host start", e);
      return stopped(demo, progress, FAILED);
    }
    if (progress != null) progress.close();
    Path storage = storagePath(file);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      host.close();
      if (demo != null) demo.close();
      // the last word after Ctrl-C: everything is written back and stopped, and where it is
      out.println("Doflamingo stopped; history kept under " + storage + " (" + sizeOf(storage) + ")");
      out.flush();
    }, "doflamingo-stop"));
    out.println("Doflamingo on " + host.uri() + " (configuration " + file.toAbsolutePath() + "); Ctrl-C stops it");
    try {
      host.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return 0;
  }

  /**
   * What history costs on disk, said before the demo writes any: one RRD file per series, its
   * size fixed when the file is made (the engine sizes it for the tiers cluster figures get).
   */
  private static String historyCost() {
    long bytes = RetentionClass.size("cluster", EngineConfig.DEFAULT_TIERS, true, 3600).fileBytes();
    return "history: one RRD file per series, " + megabytes(bytes)
        + " each at the tiers " + EngineConfig.DEFAULT_TIERS + ", kept until the folder is deleted";
  }

  /** The size of everything under {@code dir}, for the word said at the end. */
  static String sizeOf(Path dir) {
    try (java.util.stream.Stream<Path> files = java.nio.file.Files.walk(dir)) {
      long bytes = files.filter(java.nio.file.Files::isRegularFile).mapToLong(f -> f.toFile().length()).sum();
      return megabytes(bytes);
    } catch (java.io.IOException | java.io.UncheckedIOException e) {
      return "size unknown: " + e.getMessage();
    }
  }

  private static String megabytes(long bytes) {
    return String.format(java.util.Locale.ROOT, "%.1f MB", bytes / 1e6);
  }

  private static Path storagePath(Path file) {
    try {
      return MonitorConfig.load(file).storagePath.toAbsolutePath();
    } catch (ConfigException e) {
      return file.toAbsolutePath().getParent(); // loaded once already: cannot fail here
    }
  }

  private static int stopped(Demo demo, Progress progress, int code) {
    if (progress != null) progress.close();
    if (demo != null) demo.close();
    return code;
  }

  /** The command line. */
  static final class Options {
    boolean help;
    boolean demo;
    /** The demo also runs a Kafka 4.x KRaft cluster with dedicated controllers. */
    boolean kraft;
    Path config;
    /** Under the user's home, not the build's target/ (a mvn clean would delete the history). */
    Path data = Paths.get(System.getProperty("user.home"), ".doflamingo", "demo");
    /** -1: web.port */
    int port = -1;

    static Options parse(String[] args) {
      Options o = new Options();
      boolean dataGiven = false;
      for (int i = 0; i < args.length; i++) {
        String a = args[i];
        switch (a) {
          case "-h":
          case "--help":
            o.help = true;
            return o;
          case "demo":
            o.demo = true;
            break;
          case "--kraft":
            o.kraft = true;
            break;
          case "--config":
            o.config = Paths.get(value(args, ++i, a));
            break;
          case "--data":
            o.data = Paths.get(value(args, ++i, a));
            dataGiven = true;
            break;
          case "--port":
            o.port = port(value(args, ++i, a));
            break;
          default:
            throw new IllegalArgumentException("unknown argument " + a);
        }
      }
      if (o.demo == (o.config != null)) throw new IllegalArgumentException("give either --config FILE or demo");
      if (dataGiven && !o.demo) throw new IllegalArgumentException("--data is for the demo");
      if (o.kraft && !o.demo) throw new IllegalArgumentException("--kraft is for the demo");
      return o;
    }

    private static String value(String[] args, int i, String option) {
      if (i >= args.length || args[i].startsWith("--")) throw new IllegalArgumentException(option + " needs a value");
      return args[i];
    }

    private static int port(String s) {
      try {
        int p = Integer.parseInt(s);
        if (p >= 1 && p <= 65535) return p;
      } catch (NumberFormatException e) {
        // reported below
      }
      throw new IllegalArgumentException("--port: expected a port number 1-65535, got " + s);
    }
  }
}
