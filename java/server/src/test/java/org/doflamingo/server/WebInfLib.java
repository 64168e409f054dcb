package org.doflamingo.server;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

/**
 * Class paths laid out as a Flamingo 2 installation's WEB-INF/lib, for {@link ChildHost}: the host's
 * own jars (Spring, Quartz, Jackson, Jetty standing in for Tomcat, SLF4J and the stand-in host's
 * classes and test beans), jars Flamingo 2.1.0 itself ships that clash with what the module
 * bundles ({@code target/flamingo-lib}, copied by the build from Maven Central), and Doflamingo's
 * three jars as the build leaves them, the ones README's "Installing into Flamingo 2" copies.
 */
final class WebInfLib {
  /** The reactor root. */
  static final Path ROOT = Paths.get("").toAbsolutePath().getParent().getParent();
  private static final String VERSION = "0.1.0-SNAPSHOT";
  /** What the module jar bundles, and what only the test JVM needs (the clusters' client). */
  private static final List<String> NOT_THE_HOSTS = Arrays.asList("/org/doflamingo/", "/org/apache/kafka/",
      "/at/yawk/lz4/", "/org/xerial/snappy/", "/com/github/luben/", "/org/hdrhistogram/", "/org/junit/",
      "/org/opentest4j/", "/org/apiguardian/", "/surefire", "/failsafe");

  private WebInfLib() {}

  static Path moduleJar() {
    return ROOT.resolve("flamingo-module/target/doflamingo-flamingo-module-" + VERSION + "-flamingo.jar");
  }

  static Path engineJar() {
    return ROOT.resolve("java/engine/target/doflamingo-engine-" + VERSION + ".jar");
  }

  static Path webappJar() {
    return ROOT.resolve("webapp/target/doflamingo-webapp-" + VERSION + ".jar");
  }

  /** Doflamingo's three jars. */
  static List<Path> doflamingo() {
    return Arrays.asList(moduleJar(), engineJar(), webappJar());
  }

  /** Flamingo 2.1.0's lz4 1.2.0 and snappy-java 1.1.1.7 (Spark 1.4.1's), which its WEB-INF/lib holds. */
  static List<Path> flamingosClashingJars() throws IOException {
    Path dir = ROOT.resolve("java/server/target/flamingo-lib");
    try (Stream<Path> jars = Files.list(dir)) {
      return jars.filter(p -> p.toString().endsWith(".jar")).sorted().collect(Collectors.toList());
    }
  }

  /**
   * The host: this JVM's class path (surefire and failsafe give the test class path there) without
   * Doflamingo's artifacts and what its module jar bundles, plus the stand-in host's own classes.
   */
  static List<Path> host() {
    // the host's classes as directories: the packaged server jar's manifest would add target/lib, Doflamingo's jars included
    List<Path> out = new ArrayList<>(Arrays.asList(ROOT.resolve("java/server/target/classes"),
        ROOT.resolve("java/server/target/test-classes")));
    for (String entry : System.getProperty("java.class.path").split(java.io.File.pathSeparator)) {
      Path p = Paths.get(entry).toAbsolutePath();
      String s = p.toString().replace('\\', '/');
      if (!p.startsWith(ROOT) && NOT_THE_HOSTS.stream().noneMatch(s::contains)) out.add(p);
    }
    return out;
  }

  static List<Path> concat(List<Path> first, List<Path> second) {
    List<Path> out = new ArrayList<>(first);
    out.addAll(second);
    return out;
  }

  /** A copy of {@code jar} with {@code entry}'s bytes changed by {@code change}; fails when the entry is not there. */
  static Path rewrite(Path jar, Path copy, String entry, UnaryOperator<byte[]> change) throws IOException {
    Files.createDirectories(copy.getParent());
    boolean found = false;
    try (ZipInputStream in = new ZipInputStream(Files.newInputStream(jar));
        ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(copy))) {
      for (ZipEntry e; (e = in.getNextEntry()) != null; ) {
        byte[] bytes = readAll(in);
        if (e.getName().equals(entry)) {
          bytes = change.apply(bytes);
          found = true;
        }
        out.putNextEntry(new ZipEntry(e.getName()));
        out.write(bytes);
        out.closeEntry();
      }
    }
    if (!found) throw new AssertionError(jar + " has no " + entry);
    return copy;
  }

  private static byte[] readAll(InputStream in) throws IOException {
    java.io.ByteArrayOutputStream b = new java.io.ByteArrayOutputStream();
    byte[] buf = new byte[65536];
    for (int n; (n = in.read(buf)) > 0; ) b.write(buf, 0, n);
    return b.toByteArray();
  }

  /** Copies {@code jars} into {@code lib}, as an operator copies them into WEB-INF/lib. */
  static List<Path> copyInto(Path lib, List<Path> jars) throws IOException {
    Files.createDirectories(lib);
    List<Path> out = new ArrayList<>();
    for (Path j : jars) {
      Path target = lib.resolve(j.getFileName());
      try (InputStream in = Files.newInputStream(j); OutputStream o = Files.newOutputStream(target)) {
        in.transferTo(o);
      }
      out.add(target);
    }
    return out;
  }
}
