package org.doflamingo.query.kafka;

import java.util.Collections;
import java.util.List;
import org.doflamingo.collect.catalogue.Health;

/**
 * A configured broker: its JMX target's address and collection state, whether it is the
 * controller now, its partition, leader and under-replicated counts, throughput, heap and health
 * (its health tile's). Each figure null when not current, with its series id for history.
 */
public final class BrokerRow {
  public final String cluster;
  public final String broker;
  public final String address;
  public final String state;
  public final String lastError;
  public boolean controller;
  public Long partitions;
  public Integer partitionsSeries;
  public Long leaders;
  public Integer leadersSeries;
  public Long underReplicated;
  public Integer underReplicatedSeries;
  /** Per second, one decimal. */
  public Double messagesIn;
  public Integer messagesInSeries;
  public Double bytesIn;
  public Integer bytesInSeries;
  public Double bytesOut;
  public Integer bytesOutSeries;
  public Long heapUsed;
  public Integer heapUsedSeries;
  public Long heapMax;
  public Integer heapMaxSeries;
  public Health health = Health.UNKNOWN;
  public List<String> reasons = Collections.emptyList();

  BrokerRow(String cluster, String broker, String address, String state, String lastError) {
    this.cluster = cluster;
    this.broker = broker;
    this.address = address;
    this.state = state;
    this.lastError = lastError;
  }
}
