package org.doflamingo.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ApacheRuntimeTest {
  @Test
  void theDefaultVersionsAreTheDefaultRuntimes() {
    assertSame(ApacheRuntime.KAFKA, ApacheRuntime.kafka("3.9.2"));
    assertSame(ApacheRuntime.KAFKA4, ApacheRuntime.kafka("4.4.0"));
    assertSame(ApacheRuntime.ZOOKEEPER, ApacheRuntime.zookeeper("3.8.6"));
    assertSame(ApacheRuntime.FLUME, ApacheRuntime.flume("1.11.0"));
    assertEquals("classpath-kafka.txt", ApacheRuntime.KAFKA.fileName());
  }

  @Test
  void aMatrixVersionHasItsOwnClasspathFileAndOneInstance() {
    ApacheRuntime k = ApacheRuntime.kafka("3.4.1");
    assertSame(k, ApacheRuntime.kafka("3.4.1"));
    assertEquals("classpath-kafka-3.4.1.txt", k.fileName());
    assertEquals(ApacheRuntime.Product.KAFKA, k.product());
    assertEquals("classpath-zookeeper-3.6.4.txt", ApacheRuntime.zookeeper("3.6.4").fileName());
  }

  @Test
  void versionsCompareNumberByNumber() {
    ApacheRuntime k = ApacheRuntime.kafka("3.10.0");
    assertTrue(k.atLeast("3.9"));
    assertTrue(k.atLeast("3.10"));
    assertFalse(k.atLeast("4.0"));
    assertFalse(ApacheRuntime.kafka("2.8.2").atLeast("3.0"));
    assertTrue(ApacheRuntime.kafka("4.0.2").atLeast("4"));
  }

  @Test
  void aMissingMatrixClasspathSaysWhichProfileResolvesIt() {
    ApacheRuntime none = ApacheRuntime.kafka("0.9.9");
    assertFalse(none.isAvailable());
    IllegalStateException e = assertThrows(IllegalStateException.class, none::classpath);
    assertTrue(e.getMessage().contains("classpath-kafka-0.9.9.txt") && e.getMessage().contains("-Pversion-matrix"), e.getMessage());
  }

  @Test
  void aMalformedVersionIsRefusedNamingIt() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ApacheRuntime.kafka("3.x"));
    assertTrue(e.getMessage().contains("'3.x'"), e.getMessage());
  }

  @Test
  void launchersRefuseTheWrongKindOfRuntime() {
    assertThrows(IllegalArgumentException.class, () -> BrokerSettings.TEST.withRuntime(ApacheRuntime.FLUME));
  }
}
