package org.doflamingo.collect;

/**
 * Which topics and consumer groups a cluster's collectors leave out (cardinality control): the
 * Admin collector reads no partition of an excluded topic and no offset of an excluded group, a
 * broker's JMX collector reads no MBean whose {@code topic} key names an excluded topic. The
 * configuration's include/exclude patterns implement it; {@link #NONE} leaves nothing out.
 */
public interface Exclusions {
  /** Nothing excluded. */
  Exclusions NONE = new Exclusions() {
    @Override
    public boolean excludesTopic(String cluster, String topic) {
      return false;
    }

    @Override
    public boolean excludesGroup(String cluster, String group) {
      return false;
    }
  };

  boolean excludesTopic(String cluster, String topic);

  boolean excludesGroup(String cluster, String group);
}
