package org.doflamingo.probe;

import java.util.Properties;
import org.apache.kafka.clients.CommonClientConfigs;
import org.doflamingo.collect.kafka.KafkaClientSecurity;

/** What the probe's admin client, producer and consumer share: where the cluster is and how it is reached (the Admin collector's own settings). */
final class ClientProperties {
  private ClientProperties() {}

  static Properties of(ProbeConfig config, String role) {
    Properties p = KafkaClientSecurity.properties(config.cluster, config.bootstrapServers, config.security);
    p.put(CommonClientConfigs.CLIENT_ID_CONFIG, "doflamingo-probe-" + config.cluster + "-" + role);
    // A dead broker is retried every second at most: the probe must notice it coming back.
    p.put(CommonClientConfigs.RECONNECT_BACKOFF_MAX_MS_CONFIG, "1000");
    p.put(CommonClientConfigs.METADATA_MAX_AGE_CONFIG, "10000");
    return p;
  }
}
