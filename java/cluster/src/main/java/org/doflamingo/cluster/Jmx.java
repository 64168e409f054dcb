package org.doflamingo.cluster;

import java.io.IOException;
import java.util.HashMap;
import java.util.Map;

import javax.management.MBeanServerConnection;
import javax.management.ObjectName;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;

/** Remote JMX reads against a member's JMX port (RMI registry and server on the same port). */
public final class Jmx {
  private Jmx() {
  }

  public static JMXServiceURL url(String host, int port) {
    try {
      return new JMXServiceURL("service:jmx:rmi:///jndi/rmi://" + host + ":" + port + "/jmxrmi");
    } catch (java.net.MalformedURLException e) {
      throw new IllegalArgumentException(e);
    }
  }

  public static JMXConnector connect(String host, int port) throws IOException {
    Map<String, Object> env = new HashMap<>();
    env.put("jmx.remote.x.request.waiting.timeout", 5000L);
    env.put("sun.rmi.transport.tcp.responseTimeout", 5000L);
    return JMXConnectorFactory.connect(url(host, port), env);
  }

  /** One attribute of one MBean, over a connection opened and closed for it. */
  public static Object read(String host, int port, String objectName, String attribute) throws Exception {
    try (JMXConnector c = connect(host, port)) {
      MBeanServerConnection mbs = c.getMBeanServerConnection();
      return mbs.getAttribute(new ObjectName(objectName), attribute);
    }
  }
}
