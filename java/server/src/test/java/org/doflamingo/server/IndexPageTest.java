package org.doflamingo.server;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.OutputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** With pages on the class path (a jar with META-INF/resources/index.html), / shows them. */
class IndexPageTest {
  static final String PAGE = "<!DOCTYPE html><title>Doflamingo pages</title>";

  @Test
  void theRootShowsThePagesOfAJar(@TempDir Path tmp) throws Exception {
    Path jar = tmp.resolve("pages.jar");
    try (OutputStream file = Files.newOutputStream(jar); JarOutputStream out = new JarOutputStream(file)) {
      // folder entries, as Maven's jar plugin writes them
      for (String folder : new String[] {"META-INF/", "META-INF/resources/"}) out.putNextEntry(new JarEntry(folder));
      out.putNextEntry(new JarEntry("META-INF/resources/index.html"));
      out.write(PAGE.getBytes(StandardCharsets.UTF_8));
    }
    Thread thread = Thread.currentThread();
    ClassLoader before = thread.getContextClassLoader();
    thread.setContextClassLoader(new URLClassLoader(new URL[] {jar.toUri().toURL()}, before));
    try (StandInHost host = StandInHost.open()) {
      HttpResponse<String> r = host.get("/");
      assertEquals(200, r.statusCode());
      assertEquals(PAGE, r.body());
      assertEquals("text/html", r.headers().firstValue("Content-Type").orElse("").replaceFirst(";.*", ""));
      assertEquals(PAGE, host.get("/index.html").body());
      assertEquals(200, host.get("/hosttest/hello.txt").statusCode(), "and the other class path entries still serve");
    } finally {
      thread.setContextClassLoader(before);
    }
  }
}
