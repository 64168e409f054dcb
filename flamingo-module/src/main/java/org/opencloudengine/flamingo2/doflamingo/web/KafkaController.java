package org.opencloudengine.flamingo2.doflamingo.web;

import org.doflamingo.query.Page;
import org.doflamingo.query.kafka.LagRow;
import org.doflamingo.query.kafka.PartitionRow;
import org.doflamingo.query.kafka.TopicRow;
import org.doflamingo.query.Area;
import org.opencloudengine.flamingo2.doflamingo.DoflamingoMonitor;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /monitoring/kafka}: brokers, controllers, clusters and clients, consumer-group lag, the KRaft quorum, and the brokers,
 * topics and partitions tables.
 */
@RestController
@RequestMapping("/monitoring/kafka")
public class KafkaController extends AreaController {
  private final DoflamingoMonitor monitor;

  @Autowired
  public KafkaController(DoflamingoMonitor monitor) {
    super(monitor, Area.KAFKA);
    this.monitor = monitor;
  }

  /**
   * Consumer groups with their current lag, Burrow status and health; {@code filter} keeps names
   * containing it; sorted by {@code sort} (any of {@link LagRow#COLUMNS}) and paged.
   */
  @RequestMapping(value = "/lag", method = RequestMethod.GET)
  public Response lag(@RequestParam(value = "clusterName", required = false) String cluster,
      @RequestParam(value = "filter", required = false) String filter,
      @RequestParam(value = "sort", defaultValue = "group") String sort,
      @RequestParam(value = "dir", defaultValue = "ASC") String dir,
      @RequestParam(value = "start", defaultValue = "0") int start,
      @RequestParam(value = "limit", defaultValue = "100") int limit) {
    LagRow.COLUMNS.check(sort);
    return page(monitor.reads().lag().lag(cluster, blankToNull(filter), sort, descending(dir), start, limit));
  }

  /**
   * The KRaft metadata quorum of each cluster (of {@code clusterName} when given): leader, epoch,
   * committed offset, and each voter and observer with its lag, last catch-up and target state.
   */
  @RequestMapping(value = "/quorum", method = RequestMethod.GET)
  public Response quorum(@RequestParam(value = "clusterName", required = false) String cluster) {
    return Response.list(monitor.reads().quorum().quorum(cluster));
  }

  /** Brokers with their target's state, controller flag, partition counts, throughput, heap and health. */
  @RequestMapping(value = "/brokers", method = RequestMethod.GET)
  public Response brokers(@RequestParam(value = "clusterName", required = false) String cluster) {
    return Response.list(monitor.reads().kafka().brokers(cluster));
  }

  /**
   * Topics with partitions, replication factor, under-replicated partitions, log-end offsets and
   * throughput; {@code filter} keeps names containing it; sorted by any of
   * {@link TopicRow#COLUMNS} and paged.
   */
  @RequestMapping(value = "/topics", method = RequestMethod.GET)
  public Response topics(@RequestParam(value = "clusterName", required = false) String cluster,
      @RequestParam(value = "filter", required = false) String filter,
      @RequestParam(value = "sort", defaultValue = "topic") String sort,
      @RequestParam(value = "dir", defaultValue = "ASC") String dir,
      @RequestParam(value = "start", defaultValue = "0") int start,
      @RequestParam(value = "limit", defaultValue = "100") int limit) {
    TopicRow.COLUMNS.check(sort);
    return page(Page.of(monitor.reads().kafka().topics(cluster, blankToNull(filter)), TopicRow.COLUMNS.order(sort, descending(dir)),
        start, limit));
  }

  /**
   * Partitions with leader, replicas, in-sync replicas, under-replication and log-end offset, and
   * their series ids for history; {@code topic} keeps one topic (exact name), {@code filter} topics
   * whose name contains it; sorted by any of {@link PartitionRow#COLUMNS} and paged.
   */
  @RequestMapping(value = "/partitions", method = RequestMethod.GET)
  public Response partitions(@RequestParam(value = "clusterName", required = false) String cluster,
      @RequestParam(value = "topic", required = false) String topic,
      @RequestParam(value = "filter", required = false) String filter,
      @RequestParam(value = "sort", defaultValue = "topic") String sort,
      @RequestParam(value = "dir", defaultValue = "ASC") String dir,
      @RequestParam(value = "start", defaultValue = "0") int start,
      @RequestParam(value = "limit", defaultValue = "100") int limit) {
    PartitionRow.COLUMNS.check(sort);
    return page(monitor.reads().kafka().partitions(cluster, blankToNull(topic), blankToNull(filter), sort, descending(dir), start,
        limit));
  }

  /** One group's partitions: committed offset and lag, with their series ids for history. */
  @RequestMapping(value = "/lag/partitions", method = RequestMethod.GET)
  public Response lagPartitions(@RequestParam(value = "clusterName", required = false) String cluster,
      @RequestParam("group") String group) {
    return Response.list(monitor.reads().lag().partitions(cluster, group));
  }

  /** ASC or DESC, in any case; anything else is a 400 rather than a silent ascending order. */
  private static boolean descending(String dir) {
    if (!"ASC".equalsIgnoreCase(dir) && !"DESC".equalsIgnoreCase(dir)) {
      throw new IllegalArgumentException("dir: expected ASC or DESC, got \"" + dir + "\"");
    }
    return "DESC".equalsIgnoreCase(dir);
  }

  private static String blankToNull(String s) {
    return s == null || s.isEmpty() ? null : s;
  }
}
