package org.doflamingo.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
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

  @Test
  void jarCopiedAloneRunsASmallProgram() throws Exception {
    Path jar = Paths.get(System.getProperty("doflamingo.jar"));
    assertTrue(Files.isRegularFile(jar), "no jar at " + jar);
    Path dir = TestDirs.fresh("jar-alone");
    Files.copy(jar, dir.resolve("doflamingo-engine.jar"), StandardCopyOption.REPLACE_EXISTING);
    Files.write(dir.resolve("UseEngine.java"), PROGRAM.getBytes(StandardCharsets.UTF_8));
    String bin = System.getProperty("java.home") + File.separator + "bin" + File.separator;
    run(dir, bin + "javac", "-cp", "doflamingo-engine.jar", "UseEngine.java");
    String out = run(dir, bin + "java", "-cp", "doflamingo-engine.jar" + File.pathSeparator + ".", "UseEngine");
    assertTrue(out.contains("VALUES 1.0 2.0 3.0"), out);
  }

  private static String run(Path dir, String... command) throws Exception {
    ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true);
    pb.environment().remove("LD_LIBRARY_PATH");
    Process p = pb.start();
    byte[] out = readAll(p);
    assertTrue(p.waitFor(120, TimeUnit.SECONDS), "timed out: " + Arrays.toString(command));
    String text = new String(out, StandardCharsets.UTF_8);
    assertEquals(0, p.exitValue(), Arrays.toString(command) + " failed:\n" + text);
    return text;
  }

  private static byte[] readAll(Process p) throws Exception {
    java.io.ByteArrayOutputStream buf = new java.io.ByteArrayOutputStream();
    byte[] chunk = new byte[8192];
    int n;
    while ((n = p.getInputStream().read(chunk)) > 0) buf.write(chunk, 0, n);
    return buf.toByteArray();
  }
}
