package org.doflamingo.cluster;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;

final class Dirs {
  private Dirs() {
  }

  /** Deletes {@code dir} and everything under it, then creates it empty. */
  static Path fresh(Path relative) {
    Path dir = relative.toAbsolutePath();
    try {
      if (Files.exists(dir)) {
        Files.walkFileTree(dir, new SimpleFileVisitor<Path>() {
          @Override
          public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
            Files.delete(file);
            return FileVisitResult.CONTINUE;
          }

          @Override
          public FileVisitResult postVisitDirectory(Path d, IOException exc) throws IOException {
            Files.delete(d);
            return FileVisitResult.CONTINUE;
          }
        });
      }
      return Files.createDirectories(dir).toAbsolutePath();
    } catch (IOException e) {
      throw new ClusterException("cannot prepare " + dir + ": " + e, e);
    }
  }

  /** {@code dir} as an earlier run left it (created when missing). */
  static Path kept(Path relative) {
    Path dir = relative.toAbsolutePath();
    try {
      return Files.createDirectories(dir).toAbsolutePath();
    } catch (IOException e) {
      throw new ClusterException("cannot prepare " + dir + ": " + e, e);
    }
  }

  static void write(Path file, String text) {
    try {
      Files.createDirectories(file.getParent());
      Files.write(file, text.getBytes(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new ClusterException("cannot write " + file + ": " + e, e);
    }
  }
}
