package org.doflamingo.engine;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Locale;

/**
 * Loads libdoflamingo_jni the way RocksJava does: {@code System.loadLibrary} first (an operator may
 * have installed it system-wide), else the copy inside this jar, extracted to a temporary file.
 * The jar's copy has librrd, zlib and the C++ runtime linked in and uses glibc 2.17's symbols only.
 */
public final class NativeLibrary {
  static final String NAME = "doflamingo_jni";
  static final String REQUIREMENT = "it needs x86-64 Linux with glibc 2.17 or newer";
  private static final Object LOCK = new Object();
  private static volatile boolean loaded;

  private NativeLibrary() {}

  /** Loads the library once; throws {@link UnsatisfiedLinkError} saying what is missing. */
  public static void load() {
    if (loaded) return;
    synchronized (LOCK) {
      if (loaded) return;
      try {
        System.loadLibrary(NAME);
      } catch (UnsatisfiedLinkError notOnPath) {
        loadFromJar();
      }
      loaded = true;
    }
  }

  static String platform() {
    String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
    String arch = System.getProperty("os.arch", "").toLowerCase(Locale.ROOT);
    if (arch.equals("amd64")) arch = "x86_64";
    return (os.contains("linux") ? "linux" : os.replace(' ', '_')) + "-" + arch;
  }

  private static void loadFromJar() {
    String resource = "/org/doflamingo/engine/native/" + platform() + "/lib" + NAME + ".so";
    Path file;
    try (InputStream in = NativeLibrary.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new UnsatisfiedLinkError("Doflamingo's engine has no native library for " + platform()
            + " in this jar (looked for " + resource + "); " + REQUIREMENT);
      }
      file = Files.createTempFile("lib" + NAME + "-", ".so");
      file.toFile().deleteOnExit();
      Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      throw linkError("cannot extract " + resource + " to a temporary file: " + e, e);
    }
    try {
      System.load(file.toAbsolutePath().toString());
    } catch (UnsatisfiedLinkError e) {
      throw linkError("cannot load Doflamingo's native library (" + REQUIREMENT + "): " + e.getMessage(), e);
    } finally {
      // Once loaded (or failed) the file is no longer needed; Linux keeps the mapping alive.
      try {
        Files.deleteIfExists(file);
      } catch (IOException ignored) {
        // deleteOnExit is the fallback
      }
    }
  }

  private static UnsatisfiedLinkError linkError(String message, Throwable cause) {
    UnsatisfiedLinkError e = new UnsatisfiedLinkError(message);
    e.initCause(cause);
    return e;
  }
}
