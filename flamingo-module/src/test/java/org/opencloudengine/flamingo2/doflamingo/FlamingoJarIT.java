package org.opencloudengine.flamingo2.doflamingo;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.jar.JarFile;
import java.util.zip.ZipEntry;
import org.junit.jupiter.api.Test;

/**
 * The jar an operator drops into Flamingo: one list of collector factories merged from the
 * collectors' and the probe's (a shaded jar would otherwise keep one of them, and the monitor
 * would silently run without the probe), and the read side inside.
 */
class FlamingoJarIT {
  @Test
  void theShadedJarListsEveryCollectorFactoryAndCarriesTheReadSide() throws Exception {
    String path = System.getProperty("doflamingo.flamingo.jar");
    assertNotNull(path, "doflamingo.flamingo.jar is set by failsafe");
    try (JarFile jar = new JarFile(path)) {
      ZipEntry services = jar.getEntry("META-INF/services/org.doflamingo.collect.CollectorFactory");
      assertNotNull(services, "no CollectorFactory list in " + path);
      String list;
      try (InputStream in = jar.getInputStream(services)) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] b = new byte[4096];
        for (int n; (n = in.read(b)) > 0; ) out.write(b, 0, n);
        list = new String(out.toByteArray(), StandardCharsets.UTF_8);
      }
      for (String factory : new String[] {"org.doflamingo.collect.kafka.KafkaCollectors", "org.doflamingo.collect.zookeeper.ZooKeeperCollectors",
          "org.doflamingo.collect.flume.FlumeCollectors", "org.doflamingo.probe.ProbeCollectors"}) {
        assertTrue(list.contains(factory), factory + " missing from the merged list:\n" + list);
        assertNotNull(jar.getEntry(factory.replace('.', '/') + ".class"), factory + " not in the jar");
      }
      assertNotNull(jar.getEntry("org/doflamingo/query/Reads.class"), "the read side is in the jar");
      assertNotNull(jar.getEntry("org/doflamingo/config/MonitorConfig.class"), "the configuration is in the jar");
    }
  }
}
