package org.doflamingo.query;

import java.util.ArrayList;
import java.util.List;
import org.doflamingo.collect.catalogue.Health;

/**
 * One health tile: a member (broker, client, consumer group, server) or a group (cluster,
 * ensemble, agent), the worst state of its rules and targets, and every non-green reason (up to
 * {@value #MAX_REASONS}) for the tooltip.
 */
public final class HealthTile {
  private static final int MAX_REASONS = 20;

  public final String group;
  /** The label the member is named by (broker, client, group, server), or the group's own. */
  public final String kind;
  public final String name;
  public Health health = Health.UNKNOWN;
  public final List<String> reasons = new ArrayList<>();

  HealthTile(String group, String kind, String name) {
    this.group = group;
    this.kind = kind;
    this.name = name;
  }

  void add(Health h, String reason) {
    health = health.worse(h);
    if (reason != null && reasons.size() < MAX_REASONS) reasons.add(reason);
  }
}
