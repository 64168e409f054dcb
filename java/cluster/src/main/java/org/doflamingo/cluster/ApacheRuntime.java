package org.doflamingo.cluster;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One of the Apache runtimes the harness starts, a product at one version, with the classpath
 * Maven resolved for it alone. The four defaults ({@link #ZOOKEEPER}, {@link #KAFKA},
 * {@link #KAFKA4}, {@link #FLUME}) are resolved by every build ({@code runtimes/*}); the version
 * matrix's others ({@link #kafka(String)}, {@link #zookeeper(String)}, {@link #flume(String)}) only
 * by {@code mvn -Pversion-matrix} ({@code runtimes/versions}), see {@link #isAvailable()}.
 *
 * <p>The classpath file is found, in order: in the directory named by the system property
 * {@code doflamingo.cluster.classpath.dir}; as the resource
 * {@code META-INF/doflamingo-cluster/classpath-<name>.txt} (packed into this module's jar); in
 * {@code target/classes/META-INF/doflamingo-cluster} of the working directory.
 */
public final class ApacheRuntime {
  /** What a runtime runs. */
  public enum Product {
    ZOOKEEPER, KAFKA, FLUME;

    String id() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  // The defaults' versions are those of the holder POMs in runtimes/{zookeeper,kafka,kafka4,flume}.
  public static final ApacheRuntime ZOOKEEPER = new ApacheRuntime(Product.ZOOKEEPER, "3.8.6", "zookeeper");
  public static final ApacheRuntime KAFKA = new ApacheRuntime(Product.KAFKA, "3.9.2", "kafka");
  public static final ApacheRuntime KAFKA4 = new ApacheRuntime(Product.KAFKA, "4.4.0", "kafka4");
  public static final ApacheRuntime FLUME = new ApacheRuntime(Product.FLUME, "1.11.0", "flume");

  static final String DIR_PROPERTY = "doflamingo.cluster.classpath.dir";
  private static final String RESOURCE_DIR = "META-INF/doflamingo-cluster/";
  /** One instance per product and version, so each classpath is read once. */
  private static final Map<String, ApacheRuntime> BY_VERSION = new ConcurrentHashMap<>();

  static {
    for (ApacheRuntime r : new ApacheRuntime[] {ZOOKEEPER, KAFKA, KAFKA4, FLUME}) BY_VERSION.put(r.product.id() + "-" + r.version, r);
  }

  private final Product product;
  private final String version;
  private final int[] numbers;
  /** The classpath file's name part: "kafka" for a default, "kafka-3.4.1" for a matrix runtime. */
  private final String name;
  private volatile String classpath;

  private ApacheRuntime(Product product, String version, String name) {
    this.product = product;
    this.version = version;
    this.numbers = parse(version);
    this.name = name;
  }

  /** Kafka at {@code version} (2.8.2, 3.4.1, 4.0.2 ...): the default runtime when it is 3.9.2 or 4.4.0. */
  public static ApacheRuntime kafka(String version) {
    return of(Product.KAFKA, version);
  }

  /** ZooKeeper at {@code version} (3.6.4 ...): {@link #ZOOKEEPER} when it is 3.8.6. */
  public static ApacheRuntime zookeeper(String version) {
    return of(Product.ZOOKEEPER, version);
  }

  /** Flume at {@code version} (1.9.0 ...): {@link #FLUME} when it is 1.11.0. */
  public static ApacheRuntime flume(String version) {
    return of(Product.FLUME, version);
  }

  private static ApacheRuntime of(Product product, String version) {
    parse(version); // fails on a malformed version before anything is kept
    return BY_VERSION.computeIfAbsent(product.id() + "-" + version,
        k -> new ApacheRuntime(product, version, product.id() + "-" + version));
  }

  public Product product() {
    return product;
  }

  public String version() {
    return version;
  }

  /** Whether this version is at least {@code other} ("3.3", "4.0.1"), compared number by number. */
  public boolean atLeast(String other) {
    int[] o = parse(other);
    for (int i = 0; i < Math.max(numbers.length, o.length); i++) {
      int a = i < numbers.length ? numbers[i] : 0;
      int b = i < o.length ? o[i] : 0;
      if (a != b) return a > b;
    }
    return true;
  }

  private static int[] parse(String version) {
    String[] parts = version.split("\\.");
    int[] n = new int[parts.length];
    try {
      for (int i = 0; i < parts.length; i++) n[i] = Integer.parseInt(parts[i]);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("version must be numbers separated by dots (3.4.1): '" + version + "'");
    }
    return n;
  }

  public String fileName() {
    return "classpath-" + name + ".txt";
  }

  /** Whether this runtime's classpath was resolved (a matrix runtime needs {@code mvn -Pversion-matrix}). */
  public boolean isAvailable() {
    try {
      return classpath != null || find() != null;
    } catch (IOException e) {
      return false;
    }
  }

  /** The ':'-separated classpath of this runtime (jars in the local Maven repository). */
  public String classpath() {
    String cp = classpath;
    if (cp == null) {
      cp = load().trim();
      if (cp.isEmpty()) {
        throw new IllegalStateException(fileName() + " is empty: rebuild the doflamingo-cluster module");
      }
      classpath = cp;
    }
    return cp;
  }

  private String load() {
    try {
      String text = find();
      if (text != null) return text;
    } catch (IOException e) {
      throw new IllegalStateException("cannot read " + fileName() + ": " + e, e);
    }
    boolean isDefault = name.equals(product.id()) || name.equals("kafka4");
    throw new IllegalStateException("no " + fileName() + " (system property " + DIR_PROPERTY
        + ", resource " + RESOURCE_DIR + fileName() + "): build the doflamingo-cluster module"
        + (isDefault ? "" : " with -Pversion-matrix") + ", which resolves the runtime classpaths");
  }

  /** The classpath file's text, or null when none is found. */
  private String find() throws IOException {
    String dir = System.getProperty(DIR_PROPERTY);
    if (dir != null && Files.isRegularFile(Paths.get(dir, fileName()))) {
      return new String(Files.readAllBytes(Paths.get(dir, fileName())), StandardCharsets.UTF_8);
    }
    URL url = ApacheRuntime.class.getClassLoader().getResource(RESOURCE_DIR + fileName());
    if (url != null) {
      try (InputStream in = url.openStream()) {
        return new String(readAll(in), StandardCharsets.UTF_8);
      }
    }
    Path local = Paths.get("target", "classes", RESOURCE_DIR, fileName());
    if (Files.isRegularFile(local)) {
      return new String(Files.readAllBytes(local), StandardCharsets.UTF_8);
    }
    return null;
  }

  @Override
  public String toString() {
    return product.id() + " " + version;
  }

  static byte[] readAll(InputStream in) throws IOException {
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    byte[] buf = new byte[8192];
    int n;
    while ((n = in.read(buf)) >= 0) {
      out.write(buf, 0, n);
    }
    return out.toByteArray();
  }

  static void copy(InputStream in, OutputStream out) throws IOException {
    byte[] buf = new byte[8192];
    int n;
    while ((n = in.read(buf)) >= 0) {
      out.write(buf, 0, n);
    }
  }
}
