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

/**
 * One of the Apache runtimes the harness starts, with the classpath Maven resolved for it alone.
 * The classpath file is found, in order: in the directory named by the system property
 * {@code doflamingo.cluster.classpath.dir}; as the resource
 * {@code META-INF/doflamingo-cluster/classpath-<name>.txt} (packed into this module's jar); in
 * {@code target/classes/META-INF/doflamingo-cluster} of the working directory.
 */
public enum ApacheRuntime {
  ZOOKEEPER, KAFKA, KAFKA4, FLUME;

  static final String DIR_PROPERTY = "doflamingo.cluster.classpath.dir";
  private static final String RESOURCE_DIR = "META-INF/doflamingo-cluster/";

  private volatile String classpath;

  public String fileName() {
    return "classpath-" + name().toLowerCase(Locale.ROOT) + ".txt";
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
    } catch (IOException e) {
      throw new IllegalStateException("cannot read " + fileName() + ": " + e, e);
    }
    throw new IllegalStateException("no " + fileName() + " (system property " + DIR_PROPERTY
        + ", resource " + RESOURCE_DIR + fileName() + "): build the doflamingo-cluster module"
        + " with Maven, which resolves the runtime classpaths");
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
