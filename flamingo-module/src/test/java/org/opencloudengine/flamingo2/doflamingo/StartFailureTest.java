package org.opencloudengine.flamingo2.doflamingo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * The one line an operator reads when Doflamingo does not start: what failed and what to do, by
 * kind. java/server's BrokenModuleIT meets the native library and class version cases for real.
 */
class StartFailureTest {
  @Test
  void aNativeLibraryThatDoesNotLoadNamesTheBaseline() {
    String reason = StartFailure.reason(new UnsatisfiedLinkError("version `GLIBC_2.34' not found"));
    assertTrue(reason.startsWith("the engine's native library did not load (version `GLIBC_2.34' not found)"), reason);
    assertTrue(reason.contains("glibc 2.17 or newer"), reason);
  }

  @Test
  void aClassForANewerJavaNamesTheJdk() {
    String reason = StartFailure.reason(new UnsupportedClassVersionError("org/doflamingo/engine/EngineConfig has been compiled by a more recent version"));
    assertTrue(reason.contains("newer Java than this one (" + System.getProperty("java.version") + ")"), reason);
    assertTrue(reason.contains("EngineConfig") && reason.contains("JDK 8 or newer"), reason);
  }

  @Test
  void aMissingClassNamesTheThreeJars() {
    String reason = StartFailure.reason(new NoClassDefFoundError("org/apache/kafka/clients/admin/Admin"));
    assertTrue(reason.contains("org/apache/kafka/clients/admin/Admin"), reason);
    assertTrue(reason.contains("module, engine, webapp") && reason.contains("WEB-INF/lib"), reason);
  }

  @Test
  void aFailedStaticInitialiserIsExplainedByItsCause() {
    ExceptionInInitializerError e = new ExceptionInInitializerError(new UnsatisfiedLinkError("librrd.so.8: cannot open"));
    assertTrue(StartFailure.reason(e).startsWith("the engine's native library did not load (librrd.so.8: cannot open)"));
  }

  @Test
  void storageSaysItself() {
    assertEquals("cannot create /var/lib/doflamingo: permission denied",
        StartFailure.reason(new IllegalStateException("cannot create /var/lib/doflamingo: permission denied")));
    assertEquals("java.lang.IllegalStateException", StartFailure.reason(new IllegalStateException()));
  }
}
