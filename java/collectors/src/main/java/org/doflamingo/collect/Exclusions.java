package org.doflamingo.collect;

/**
 * Which topics' partitions and which consumer groups a cluster's collectors leave out
 * (cardinality control): the Admin collector reads no log-end offset of an excluded topic (it
 * still describes it, for its topic-level under-replicated count) and no offset of an excluded
 * group, a broker's JMX collector reads no partition-level MBean of an excluded topic. The series
 * policy implements it from the configuration; {@link #NONE} leaves nothing out.
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
