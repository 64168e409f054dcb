package org.doflamingo.server;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The storage path checked before the host starts: the module would otherwise fail deep inside
 * the engine's open, log a long stack trace, and leave the server running without a monitor.
 */
final class StoragePath {
  private StoragePath() {}

  /** Creates {@code dir} when missing and proves a file can be written there; else one line naming the path and why. */
  static void requireWritable(Path dir) throws HostException {
    Path absolute = dir.toAbsolutePath();
    try {
      Files.createDirectories(absolute);
      Path probe = Files.createTempFile(absolute, ".doflamingo-write-check", null);
      Files.delete(probe);
    } catch (AccessDeniedException e) {
      throw HostException.ofSettings("storage.path " + absolute + ": permission denied on " + e.getFile() + " (see storage.path)");
    } catch (FileAlreadyExistsException e) {
      throw HostException.ofSettings("storage.path " + absolute + ": " + e.getFile() + " exists and is not a directory (see storage.path)");
    } catch (FileSystemException e) {
      String reason = e.getReason() != null ? e.getReason() : e.getClass().getSimpleName();
      throw HostException.ofSettings("storage.path " + absolute + ": cannot write there: " + reason + " (see storage.path)");
    } catch (IOException | SecurityException e) {
      throw HostException.ofSettings("storage.path " + absolute + ": cannot write there: " + e.getMessage() + " (see storage.path)");
    }
  }
}
