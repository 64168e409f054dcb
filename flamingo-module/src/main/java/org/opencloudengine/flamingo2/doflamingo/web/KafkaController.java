package org.opencloudengine.flamingo2.doflamingo.web;

import java.util.Arrays;
import java.util.List;
import org.opencloudengine.flamingo2.doflamingo.DoflamingoMonitor;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** {@code /monitoring/kafka}: brokers, clusters and clients, and consumer-group lag. */
@RestController
@RequestMapping("/monitoring/kafka")
public class KafkaController extends AreaController {
  private static final List<String> SORTABLE =
      Arrays.asList("group", "maxLag", "totalLag", "maxLagSeconds", "status", "members", "health");

  @Autowired
  public KafkaController(DoflamingoMonitor monitor) {
    super(monitor, Area.KAFKA);
  }

  /**
   * Consumer groups with their current lag, Burrow status and health; {@code filter} keeps names
   * containing it; sorted by {@code sort} (any of {@link #SORTABLE}) and paged.
   */
  @RequestMapping(value = "/lag", method = RequestMethod.GET)
  public Response lag(@RequestParam(value = "clusterName", required = false) String cluster,
      @RequestParam(value = "filter", required = false) String filter,
      @RequestParam(value = "sort", defaultValue = "group") String sort,
      @RequestParam(value = "dir", defaultValue = "ASC") String dir,
      @RequestParam(value = "start", defaultValue = "0") int start,
      @RequestParam(value = "limit", defaultValue = "100") int limit) {
    if (!SORTABLE.contains(sort)) throw new IllegalArgumentException("sort: expected one of " + SORTABLE + ", got \"" + sort + "\"");
    return page(queries().lag(cluster, filter == null || filter.isEmpty() ? null : filter), sort,
        "DESC".equalsIgnoreCase(dir), start, limit);
  }

  /** One group's partitions: committed offset and lag, with their series ids for history. */
  @RequestMapping(value = "/lag/partitions", method = RequestMethod.GET)
  public Response lagPartitions(@RequestParam(value = "clusterName", required = false) String cluster,
      @RequestParam("group") String group) {
    return Response.list(queries().lagPartitions(cluster, group));
  }
}
