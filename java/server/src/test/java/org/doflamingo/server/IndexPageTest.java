package org.doflamingo.server;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URL;
import java.net.URLClassLoader;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** With pages on the class path (a jar or folder with META-INF/resources/index.html), / shows them. */
class IndexPageTest {
  @Test
  void theRootShowsThePages(@TempDir Path pages) throws Exception {
    Path index = pages.resolve("META-INF/resources/index.html");
    Files.createDirectories(index.getParent());
    Files.writeString(index, "<!DOCTYPE html><title>Doflamingo pages</title>");
    Thread thread = Thread.currentThread();
    ClassLoader before = thread.getContextClassLoader();
    thread.setContextClassLoader(new URLClassLoader(new URL[] {pages.toUri().toURL()}, before));
    try (StandInHost host = StandInHost.open()) {
      HttpResponse<String> r = host.get("/");
      assertEquals(200, r.statusCode());
      assertEquals("<!DOCTYPE html><title>Doflamingo pages</title>", r.body());
      assertEquals("text/html", r.headers().firstValue("Content-Type").orElse("").replaceFirst(";.*", ""));
      assertEquals(200, host.get("/hosttest/hello.txt").statusCode(), "every folder on the class path serves");
    } finally {
      thread.setContextClassLoader(before);
    }
  }
}
