package org.doflamingo.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The packaged jar, copied alone into an empty folder, serves a small program: no
 * java.library.path, no other jar (not even SLF4J), the native library extracted from the jar.
 * It does so where RRDtool's library is absent too (the jar's library has librrd linked in), and
 * says what it needs when its library cannot be loaded.
 */
class JarAloneIT {
  private static final String PROGRAM = String.join("\n",
      "import org.doflamingo.engine.*;",
      "import java.nio.file.Paths;",
      "public class UseEngine {",
      "  public static void main(String[] a) {",
      "    long t = System.currentTimeMillis() / 2000 * 2000 - 60_000;",
      "    try (Engine e = Engine.open(EngineConfig.at(Paths.get(\"data\")))) {",
      "      int id = e.intern(SeriesKey.of(\"demo.gauge\", \"host\", \"a\"), SeriesKind.GAUGE);",
      "      e.ingest(new SampleBatch(3).add(id, t, 1).add(id, t + 2000, 2).add(id, t + 4000, 3));",
      "      e.flush();",
      "      SeriesData d = e.query(id, t, t + 4000, 2000);",
      "      System.out.println(\"VALUES \" + d.valueAt(t) + \" \" + d.valueAt(t + 2000) + \" \" + d.valueAt(t + 4000));",
      "    }",
      "  }",
      "}");
  private static final String BIN = System.getProperty("java.home") + File.separator + "bin" + File.separator;
  private static final String CLASS_PATH = "doflamingo-engine.jar" + File.pathSeparator + ".";

  @Test
  void jarCopiedAloneRunsASmallProgram() throws Exception {
    Path dir = programBesideJar("jar-alone");
    String out = succeed(run(dir, BIN + "java", "-cp", CLASS_PATH, "UseEngine"));
    assertTrue(out.contains("VALUES 1.0 2.0 3.0"), out);
  }

  /** librrd.so.8 and what it brings covered by /dev/null in a private mount namespace (root only). */
  @Test
  void jarRunsWhereRrdtoolIsNotInstalled() throws Exception {
    Path dir = programBesideJar("jar-without-rrdtool");
    Path hide = dir.resolve("without-rrdtool.sh");
    try (InputStream in = JarAloneIT.class.getResourceAsStream("without-rrdtool.sh")) {
      Files.copy(in, hide);
    }
    String out = succeed(run(dir, "bash", hide.toString(), System.getProperty("java.home"),
        BIN + "java", "-cp", CLASS_PATH, "UseEngine"));
    assertTrue(out.contains("HIDDEN "), "nothing hidden:\n" + out);
    String hidden = out.substring(out.indexOf("HIDDEN "), out.indexOf('\n', out.indexOf("HIDDEN ")));
    assertTrue(hidden.contains("/librrd.so.8") && hidden.contains("/libpango-1.0.so"),
        "librrd and pango were not hidden:\n" + out);
    assertTrue(out.contains("VALUES 1.0 2.0 3.0"), out);
  }

  /** The extracted library lands on a noexec file system, so the dynamic loader refuses it. */
  @Test
  void unloadableLibrarySaysWhatItNeedsAndWhy() throws Exception {
    Path dir = programBesideJar("jar-noexec");
    Path noexec = Files.createDirectory(dir.resolve("noexec"));
    Result r = run(dir, "unshare", "--mount", "--propagation", "private", "sh", "-c",
        "mount -t tmpfs -o noexec tmpfs \"$1\" && shift && exec \"$@\"", "sh", noexec.toString(),
        BIN + "java", "-Djava.io.tmpdir=" + noexec, "-cp", CLASS_PATH, "UseEngine");
    assertEquals(1, r.exit, r.output);
    assertTrue(r.output.contains("UnsatisfiedLinkError: cannot load Doflamingo's native library "
        + "(it needs x86-64 Linux with glibc 2.17 or newer): "), r.output);
    assertTrue(r.output.contains("failed to map segment from shared object"), "no cause:\n" + r.output);
  }

  /** A fresh folder holding only the engine jar and the compiled program. */
  private static Path programBesideJar(String name) throws Exception {
    Path jar = Paths.get(System.getProperty("doflamingo.jar"));
    assertTrue(Files.isRegularFile(jar), "no jar at " + jar);
    Path dir = TestDirs.fresh(name);
    Files.copy(jar, dir.resolve("doflamingo-engine.jar"), StandardCopyOption.REPLACE_EXISTING);
    Files.write(dir.resolve("UseEngine.java"), PROGRAM.getBytes(StandardCharsets.UTF_8));
    succeed(run(dir, BIN + "javac", "-cp", "doflamingo-engine.jar", "UseEngine.java"));
    return dir;
  }

  private static final class Result {
    final String command;
    final int exit;
    final String output;

    Result(String command, int exit, String output) {
      this.command = command;
      this.exit = exit;
      this.output = output;
    }
  }

  private static String succeed(Result r) {
    assertEquals(0, r.exit, r.command + " failed:\n" + r.output);
    return r.output;
  }

  private static Result run(Path dir, String... command) throws Exception {
    ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true);
    pb.environment().remove("LD_LIBRARY_PATH");
    Process p = pb.start();
    byte[] out = readAll(p);
    assertTrue(p.waitFor(120, TimeUnit.SECONDS), "timed out: " + Arrays.toString(command));
    return new Result(Arrays.toString(command), p.exitValue(), new String(out, StandardCharsets.UTF_8));
  }

  private static byte[] readAll(Process p) throws Exception {
    java.io.ByteArrayOutputStream buf = new java.io.ByteArrayOutputStream();
    byte[] chunk = new byte[8192];
    int n;
    while ((n = p.getInputStream().read(chunk)) > 0) buf.write(chunk, 0, n);
    return buf.toByteArray();
  }
}
