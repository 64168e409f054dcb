package org.doflamingo.bench;

import org.doflamingo.collect.Monitor;
import org.doflamingo.server.Host;

/** The Flamingo module's monitor inside a standalone host, for benchmarks that measure the server as it runs. */
public final class HostedMonitor {
  private HostedMonitor() {
  }

  /**
   * The module's monitor inside {@code host}. The module is on the class path at run time only
   * (the server's runtime dependency), so its bean is looked up by name.
   */
  public static Monitor of(Host host) throws Exception {
    Class<?> type = Class.forName("org.opencloudengine.flamingo2.doflamingo.DoflamingoMonitor");
    Object bean = host.dispatcherContext().getBean(type);
    return (Monitor) type.getMethod("get").invoke(bean);
  }
}
