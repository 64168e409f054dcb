package org.doflamingo.collect.flume;

import java.util.List;
import org.doflamingo.collect.CollectException;
import org.doflamingo.collect.CollectorFactory;
import org.doflamingo.collect.jmx.JmxTargets;
import org.doflamingo.config.FlumeAgentConfig;

/** Per Flume agent: its HTTP JSON metrics when it has an httpPort, its JMX when it has a jmxPort. Label {@code agent}. */
public final class FlumeCollectors implements CollectorFactory {
  @Override
  public void addTargets(Context c, List<Target> out) throws CollectException {
    JmxTargets jmx = new JmxTargets(c.catalogue, "flume", c.timeoutMs);
    for (FlumeAgentConfig f : c.config.flume) {
      if (f.httpPort > 0) {
        out.add(new Target("flume", f.name, f.name, "HTTP " + f.host + ":" + f.httpPort, new FlumeCollector(f, c.catalogue).recordingTo(c.events, Math.max(15_000, 3 * c.intervalMs))));
      }
      if (f.jmxPort > 0) {
        out.add(new Target("flume", f.name, f.name, "JMX " + f.host + ":" + f.jmxPort,
            jmx.collector(f.host, f.jmxPort, f.jmx, false, "agent", f.name)));
      }
    }
  }
}
