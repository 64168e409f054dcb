package org.doflamingo.probe;

import java.util.Properties;
import org.apache.kafka.clients.CommonClientConfigs;
import org.doflamingo.config.Credentials;

/** What the probe's admin client, producer and consumer share: where the cluster is, and SASL/PLAIN when configured. */
final class ClientProperties {
  private ClientProperties() {}

  static Properties of(ProbeConfig config, String role) {
    Properties p = new Properties();
    p.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, config.bootstrapServers);
    p.put(CommonClientConfigs.CLIENT_ID_CONFIG, "doflamingo-probe-" + config.cluster + "-" + role);
    // A dead broker is retried every second at most: the probe must notice it coming back.
    p.put(CommonClientConfigs.RECONNECT_BACKOFF_MAX_MS_CONFIG, "1000");
    p.put(CommonClientConfigs.METADATA_MAX_AGE_CONFIG, "10000");
    Credentials sasl = config.sasl;
    if (sasl != null) {
      p.put(CommonClientConfigs.SECURITY_PROTOCOL_CONFIG, "SASL_PLAINTEXT");
      p.put("sasl.mechanism", "PLAIN");
      p.put("sasl.jaas.config", "org.apache.kafka.common.security.plain.PlainLoginModule required username=\""
          + jaasEscape(sasl.user()) + "\" password=\"" + jaasEscape(sasl.password()) + "\";");
    }
    return p;
  }

  private static String jaasEscape(String s) {
    return s.replace("\\", "\\\\").replace("\"", "\\\"");
  }
}
