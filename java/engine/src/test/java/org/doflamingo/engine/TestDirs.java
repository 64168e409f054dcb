package org.doflamingo.engine;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;

/** Fresh directories for test data under the build folder (target/test-data). */
final class TestDirs {
  private TestDirs() {}

  static Path fresh(String name) throws IOException {
    Path root = Paths.get(System.getProperty("doflamingo.test.tmp", "target/test-data"));
    Files.createDirectories(root);
    return Files.createTempDirectory(root, name + "-");
  }
}
