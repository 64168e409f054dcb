package org.opencloudengine.flamingo2.doflamingo;

/**
 * Why Doflamingo did not start, in one line an operator can act on: what failed and what to do.
 * Every failure is the module's own; the host (Flamingo) starts regardless, and this line is what
 * every Doflamingo REST answer then carries. Linkage errors are explained by kind because they are
 * the ones a Flamingo installation meets first (a native library its system cannot load, a jar
 * built for a newer Java, a jar left out of WEB-INF/lib); virtual machine errors (out of memory)
 * are not the module's to explain and are never caught.
 */
final class StartFailure {
  private StartFailure() {}

  static String reason(Throwable failure) {
    if (failure instanceof UnsatisfiedLinkError) {
      return "the engine's native library did not load (" + text(failure) + "); it needs x86-64 Linux with glibc 2.17"
          + " or newer: check the library with ldd, or run Flamingo on such a machine";
    }
    if (failure instanceof UnsupportedClassVersionError) {
      return "a class is built for a newer Java than this one (" + System.getProperty("java.version") + "): "
          + text(failure) + "; run Flamingo on JDK 8 or newer, with Doflamingo's jars as built (Java 8 bytecode)";
    }
    if (failure instanceof ExceptionInInitializerError && failure.getCause() != null) {
      return reason(failure.getCause());
    }
    if (failure instanceof LinkageError) {
      return "a class is missing or does not fit (" + failure + "); copy the three Doflamingo jars (module, engine,"
          + " webapp) of one build into WEB-INF/lib and remove any other version of them";
    }
    // storage that cannot be opened (permissions, disk) and other runtime failures say it themselves
    return text(failure);
  }

  private static String text(Throwable failure) {
    return failure.getMessage() == null ? failure.toString() : failure.getMessage();
  }
}
