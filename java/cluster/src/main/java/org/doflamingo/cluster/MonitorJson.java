package org.doflamingo.cluster;

import java.nio.file.Path;
import java.util.List;

/**
 * Describes running clusters in Doflamingo's JSON configuration (see the collectors' {@code
 * MonitorConfig}), so tests and the demo watch them exactly as an operator's file would: Flume
 * agents with their own properties file ({@code configFile}), so the flow graph shows their wiring. Names
 * come from the harness's members; none needs JSON escaping beyond what {@link #string} does.
 */
public final class MonitorJson {
  private MonitorJson() {
  }

  /**
   * @param kafkaName name of the Kafka cluster, ZooKeeper ensemble and agent prefixes
   * @param zk null to leave ZooKeeper out
   * @param kafka null to leave Kafka out
   */
  public static String of(Path storage, int intervalSeconds, String kafkaName, ZooKeeperEnsemble zk, KafkaCluster kafka,
      List<FlumeAgent> flume) {
    return of(storage, intervalSeconds, kafkaName, zk, kafka, flume, false);
  }

  /** As {@link #of(Path, int, String, ZooKeeperEnsemble, KafkaCluster, List)}, with the synthetic probe (its defaults) when {@code probe}. */
  public static String of(Path storage, int intervalSeconds, String kafkaName, ZooKeeperEnsemble zk, KafkaCluster kafka,
      List<FlumeAgent> flume, boolean probe) {
    StringBuilder sb = new StringBuilder("{\n  \"storage\": {\"path\": ").append(string(storage.toString())).append("},\n");
    sb.append("  \"intervalSeconds\": ").append(intervalSeconds);
    if (kafka != null) {
      sb.append(",\n  \"kafka\": [{\"name\": ").append(string(kafkaName)).append(", \"brokers\": [");
      String sep = "";
      for (KafkaBroker b : kafka.brokers()) {
        sb.append(sep).append("\n    {\"id\": ").append(b.id()).append(", \"host\": ").append(string(b.host()))
            .append(", \"jmxPort\": ").append(b.jmxPort()).append(", \"bootstrap\": ").append(string(b.address()))
            .append('}');
        sep = ",";
      }
      sb.append(probe ? "],\n    \"probe\": {}}]" : "]}]");
    }
    if (zk != null) {
      sb.append(",\n  \"zookeeper\": [{\"name\": ").append(string(kafkaName + "-zk")).append(", \"servers\": [");
      String sep = "";
      for (ZooKeeperServer s : zk.servers()) {
        sb.append(sep).append("\n    {\"host\": ").append(string(s.host())).append(", \"clientPort\": ").append(s.clientPort())
            .append(", \"adminPort\": ").append(s.adminPort()).append(", \"jmxPort\": ").append(s.jmxPort()).append('}');
        sep = ",";
      }
      sb.append("]}]");
    }
    if (flume != null && !flume.isEmpty()) {
      sb.append(",\n  \"flume\": [");
      String sep = "";
      for (FlumeAgent f : flume) {
        sb.append(sep).append("\n    {\"name\": ").append(string(f.agentName())).append(", \"host\": ").append(string(f.host()))
            .append(", \"httpPort\": ").append(f.monitoringPort()).append(", \"jmxPort\": ").append(f.jmxPort())
            .append(",\n     \"configFile\": ").append(string(f.configFile().toAbsolutePath().toString())).append('}');
        sep = ",";
      }
      sb.append("]");
    }
    return sb.append("\n}\n").toString();
  }

  /**
   * A KRaft cluster of dedicated controllers: its brokers and its {@code "controllers"} (JMX), with
   * the synthetic probe (its defaults) when {@code probe}.
   */
  public static String kraft(Path storage, int intervalSeconds, String name, KraftCluster kraft, boolean probe) {
    return kraft(storage, intervalSeconds, name, kraft, probe, null, null);
  }

  /**
   * As {@link #kraft(Path, int, String, KraftCluster, boolean)}, the brokers bootstrapped through
   * their listener {@code listener} (null: CLIENT) and the cluster given {@code security}, the
   * text of its {@code "security"} object (null: none).
   */
  public static String kraft(Path storage, int intervalSeconds, String name, KraftCluster kraft, boolean probe, String listener,
      String security) {
    StringBuilder sb = new StringBuilder("{\n  \"storage\": {\"path\": ").append(string(storage.toString())).append("},\n");
    sb.append("  \"intervalSeconds\": ").append(intervalSeconds);
    sb.append(",\n  \"kafka\": [{\"name\": ").append(string(name)).append(", \"brokers\": [");
    String sep = "";
    for (KraftNode b : kraft.brokers()) {
      sb.append(sep).append("\n    {\"id\": ").append(b.id()).append(", \"host\": ").append(string(b.host()))
          .append(", \"jmxPort\": ").append(b.jmxPort()).append(", \"bootstrap\": ").append(string(listener == null ? b.address() : b.address(listener))).append('}');
      sep = ",";
    }
    sb.append("],\n    \"controllers\": [");
    sep = "";
    for (KraftNode c : kraft.controllers()) {
      sb.append(sep).append("\n    {\"id\": ").append(c.id()).append(", \"host\": ").append(string(c.host()))
          .append(", \"jmxPort\": ").append(c.jmxPort()).append('}');
      sep = ",";
    }
    sb.append(']');
    if (security != null) sb.append(",\n    \"security\": ").append(security);
    sb.append(probe ? ",\n    \"probe\": {}}]" : "}]");
    return sb.append("\n}\n").toString();
  }

  /** A JSON string literal (tests that write their own sections use it too). */
  public static String string(String s) {
    StringBuilder sb = new StringBuilder("\"");
    for (char c : s.toCharArray()) {
      if (c == '"' || c == '\\') {
        sb.append('\\').append(c);
      } else if (c < 0x20) {
        sb.append(String.format("\\u%04x", (int) c));
      } else {
        sb.append(c);
      }
    }
    return sb.append('"').toString();
  }
}
