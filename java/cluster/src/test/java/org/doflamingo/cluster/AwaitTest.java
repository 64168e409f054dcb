package org.doflamingo.cluster;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;

import org.junit.jupiter.api.Test;

/** A wait that times out says what it waited for and why it was not there (no child JVM needed). */
class AwaitTest {

  @Test
  void timeoutNamesWhatWasAwaited() {
    ClusterException e = assertThrows(ClusterException.class,
        () -> Await.until("the impossible", Duration.ofMillis(300), () -> {
          throw new IllegalStateException("still impossible");
        }));
    assertTrue(e.getMessage().contains("the impossible"), e.getMessage());
    assertTrue(e.getMessage().contains("still impossible"), e.getMessage());
  }
}
