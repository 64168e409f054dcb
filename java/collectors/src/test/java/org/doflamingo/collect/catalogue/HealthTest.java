package org.doflamingo.collect.catalogue;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Worst of two states by explicit rank: a judged state over UNKNOWN, then red over amber over green. */
class HealthTest {
  @Test
  void worseRanksRedAmberGreenAndAnyJudgedStateOverUnknown() {
    assertEquals(Health.RED, Health.AMBER.worse(Health.RED));
    assertEquals(Health.RED, Health.RED.worse(Health.AMBER));
    assertEquals(Health.AMBER, Health.GREEN.worse(Health.AMBER));
    assertEquals(Health.GREEN, Health.GREEN.worse(Health.UNKNOWN), "nothing to judge says nothing");
    assertEquals(Health.GREEN, Health.UNKNOWN.worse(Health.GREEN));
    assertEquals(Health.UNKNOWN, Health.UNKNOWN.worse(Health.UNKNOWN));
    assertEquals(Health.AMBER, Health.AMBER.worse(null));
  }
}
