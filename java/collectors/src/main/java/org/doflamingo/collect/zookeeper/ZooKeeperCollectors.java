package org.doflamingo.collect.zookeeper;

import java.util.List;
import org.doflamingo.collect.CollectException;
import org.doflamingo.collect.CollectorFactory;
import org.doflamingo.collect.jmx.JmxTargets;
import org.doflamingo.config.ZooKeeperEnsembleConfig;

/** Per ZooKeeper server: {@code mntr} (and AdminServer when given), and its JMX when it has a jmxPort. Labels {@code ensemble}, {@code server}. */
public final class ZooKeeperCollectors implements CollectorFactory {
  @Override
  public void addTargets(Context c, List<Target> out) throws CollectException {
    JmxTargets jmx = new JmxTargets(c.catalogue, "zookeeper", c.timeoutMs);
    for (ZooKeeperEnsembleConfig z : c.config.zookeeper) {
      for (ZooKeeperEnsembleConfig.Server s : z.servers) {
        String server = s.host + ":" + s.clientPort;
        out.add(new Target("zookeeper", z.name, server, "mntr " + server, new ZooKeeperCollector(z, s, c.catalogue).recordingTo(c.events)));
        if (s.jmxPort > 0) {
          out.add(new Target("zookeeper", z.name, server, "JMX " + s.host + ":" + s.jmxPort,
              jmx.collector(s.host, s.jmxPort, z.jmx, z.jmxSsl, "ensemble", z.name, "server", server)));
        }
      }
    }
  }
}
