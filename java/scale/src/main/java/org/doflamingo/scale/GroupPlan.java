package org.doflamingo.scale;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.TopicPartition;

/**
 * Who is where, as a pure function of the shape: topic names, and for each Admin-made group its
 * committed offsets. The first {@code --written-topics} topics are the ones producers keep
 * writing to (and live groups read); the stable groups commit on the others, so their lag stays
 * what the plan says (records minus the committed offset) and every tool must report exactly
 * that; the stopped groups commit offset 0 on written topics, so their lag grows.
 */
final class GroupPlan {
  private final ScaleOptions o;

  GroupPlan(ScaleOptions o) {
    this.o = o;
  }

  List<String> topics() {
    List<String> names = new ArrayList<>();
    for (int t = 0; t < o.topics; t++) names.add(topic(t));
    return names;
  }

  static String topic(int t) {
    return String.format("scale-t-%04d", t);
  }

  List<String> writtenTopics() {
    return topics().subList(0, o.writtenTopics);
  }

  /** Admin-made group {@code g} (0 .. groups-1): the stable ones first, the stopped ones last. */
  String group(int g) {
    return stable(g) ? String.format("scale-g-%05d", g) : String.format("scale-stopped-%04d", g - stableGroups());
  }

  int stableGroups() {
    return o.groups - Math.min(o.stoppedGroups, o.groups);
  }

  boolean stable(int g) {
    return g < stableGroups();
  }

  /** The committed offset of each partition group {@code g} commits. */
  Map<TopicPartition, Long> committed(int g) {
    Map<TopicPartition, Long> offsets = new LinkedHashMap<>();
    int unwritten = o.topics - o.writtenTopics;
    int topic = stable(g) ? o.writtenTopics + g % unwritten : g % o.writtenTopics;
    int first = stable(g) ? (g / unwritten * o.partitionsPerGroup) % o.partitionsPerTopic : 0;
    long offset = stable(g) ? g % o.records : 0;
    for (int i = 0; i < o.partitionsPerGroup; i++) {
      offsets.put(new TopicPartition(topic(topic), (first + i) % o.partitionsPerTopic), offset);
    }
    return offsets;
  }

  /** A stable group's lag on each of its partitions: the records written at setup less its committed offset. */
  long stableLag(int g) {
    return o.records - g % o.records;
  }

  /** Live group {@code i}: one consumer in the load JVM, subscribed to a written topic. */
  static String liveGroup(int i) {
    return String.format("scale-live-%04d", i);
  }
}
