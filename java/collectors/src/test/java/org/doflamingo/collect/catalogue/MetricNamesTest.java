package org.doflamingo.collect.catalogue;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import org.junit.jupiter.api.Test;

/** Every name code uses by constant is a metric of the catalogue. */
class MetricNamesTest {
  @Test
  void everyConstantIsInTheCatalogue() throws Exception {
    MetricCatalogue catalogue = MetricCatalogue.load();
    int checked = 0;
    for (Field f : MetricNames.class.getFields()) {
      if (!Modifier.isStatic(f.getModifiers()) || f.getType() != String.class) continue;
      String name = (String) f.get(null);
      assertNotNull(catalogue.get(name), f.getName() + " = " + name + " is not in metrics.json");
      checked++;
    }
    assertTrue(checked >= 30, "only " + checked + " constants found");
  }
}
