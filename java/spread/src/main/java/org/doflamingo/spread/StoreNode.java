package org.doflamingo.spread;

import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * A live store as the other nodes see it: where its REST API answers and which sample partitions it
 * holds now (what its consumer group gave it). A query node asks the stores holding the partitions
 * of the series it needs, and merges their answers.
 */
public final class StoreNode {
  private final String nodeId;
  private final String baseUrl;
  private final String storeGroup;
  private final List<Integer> partitions;

  /**
   * @param nodeId the node's configured id (unique in a deployment)
   * @param baseUrl where its {@code /monitoring/...} REST API answers, e.g. {@code http://10.0.0.5:8080}
   * @param storeGroup the stores' consumer group it belongs to (a second group is a warm replica)
   * @param partitions the sample topic's partitions it holds now
   */
  public StoreNode(String nodeId, String baseUrl, String storeGroup, List<Integer> partitions) {
    this.nodeId = Objects.requireNonNull(nodeId, "nodeId");
    this.baseUrl = Objects.requireNonNull(baseUrl, "baseUrl");
    this.storeGroup = Objects.requireNonNull(storeGroup, "storeGroup");
    this.partitions = Collections.unmodifiableList(partitions);
  }

  public String nodeId() { return nodeId; }
  public String baseUrl() { return baseUrl; }
  public String storeGroup() { return storeGroup; }
  public List<Integer> partitions() { return partitions; }

  @Override
  public String toString() {
    return nodeId + "@" + baseUrl + " " + storeGroup + " " + partitions;
  }
}
