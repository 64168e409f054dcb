package org.opencloudengine.flamingo2.doflamingo.web;

import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.doflamingo.engine.Aggregation;
import org.doflamingo.engine.Consolidation;
import org.doflamingo.query.Area;
import org.doflamingo.query.AreaReads;
import org.doflamingo.query.Page;
import org.doflamingo.query.events.EventReads;
import org.opencloudengine.flamingo2.doflamingo.DoflamingoMonitor;
import org.opencloudengine.flamingo2.doflamingo.NotRunningException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.TypeMismatchException;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;

/**
 * The REST API every area answers under {@code /monitoring/<area>}, in Flamingo's {@link Response}
 * envelope. {@code clusterName} (optional everywhere) picks one cluster, ensemble or agent; label
 * filters are {@code label=key=value}, repeatable; times are epoch milliseconds. Bad arguments get
 * a 400 naming the parameter, a monitor that is not running a 503 saying why. Public: Spring 4.1
 * does not map the handler methods of a package-private base class (javac adds visibility bridges).
 */
public abstract class AreaController {
  private static final Logger log = LoggerFactory.getLogger(AreaController.class);

  private final DoflamingoMonitor monitor;
  private final Area area;

  AreaController(DoflamingoMonitor monitor, Area area) {
    this.monitor = monitor;
    this.area = area;
  }

  AreaReads queries() {
    return monitor.reads().area(area);
  }

  /** Targets with their collection state (UP, DOWN, UNKNOWN), last error and timings. */
  @RequestMapping(value = "/targets", method = RequestMethod.GET)
  public Response targets(@RequestParam(value = "clusterName", required = false) String cluster) {
    return Response.list(queries().targets(cluster));
  }

  /** Series of the area: id, metric, labels, kind, unit; paged. */
  @RequestMapping(value = "/series", method = RequestMethod.GET)
  public Response series(@RequestParam(value = "clusterName", required = false) String cluster,
      @RequestParam(value = "metric", required = false) String metric,
      @RequestParam(value = "label", required = false) List<String> labels,
      @RequestParam(value = "start", defaultValue = "0") int start,
      @RequestParam(value = "limit", defaultValue = "1000") int limit) {
    return page(Page.of(queries().series(cluster, metric, labels(labels)), null, start, limit));
  }

  /** History of many series over one range at one resolution. */
  @RequestMapping(value = "/history", method = RequestMethod.GET)
  public Response history(@RequestParam("ids") String ids, @RequestParam("from") long from, @RequestParam("to") long to,
      @RequestParam(value = "resolution", defaultValue = "0") long resolution,
      @RequestParam(value = "consolidation", defaultValue = "AVERAGE") String consolidation) {
    return Response.list(queries().history(ids(ids), from, to, resolution,
        parse(Consolidation.class, "consolidation", consolidation)));
  }

  /** A metric combined over label values (e.g. MessagesInPerSec summed per topic). */
  @RequestMapping(value = "/groupBy", method = RequestMethod.GET)
  public Response groupBy(@RequestParam("metric") String metric,
      @RequestParam(value = "clusterName", required = false) String cluster,
      @RequestParam(value = "label", required = false) List<String> labels,
      @RequestParam(value = "by", required = false) List<String> by,
      @RequestParam(value = "aggregation", defaultValue = "SUM") String aggregation,
      @RequestParam("from") long from, @RequestParam("to") long to,
      @RequestParam(value = "resolution", defaultValue = "0") long resolution) {
    return Response.list(queries().groupBy(metric, cluster, labels(labels), by == null ? Collections.<String>emptyList() : by,
        parse(Aggregation.class, "aggregation", aggregation), from, to, resolution));
  }

  /** Health tiles (green/amber/red with reasons) from the catalogue's rules and the targets' states. */
  @RequestMapping(value = "/health", method = RequestMethod.GET)
  public Response health(@RequestParam(value = "clusterName", required = false) String cluster) {
    return Response.list(queries().health(cluster));
  }

  /** How far back history reaches: the RRD tiers and the oldest moment collected (the Timeline's range bar). */
  @RequestMapping(value = "/retention", method = RequestMethod.GET)
  public Response retention() {
    return Response.object(queries().retention());
  }

  /**
   * "What changed" around {@code at}: the area's series (of one cluster, carrying the labels)
   * ranked in the engine by how far their window after the moment ({@code after} ms, default 5 min)
   * departs from their window before ({@code before} ms, default 10 min); the best {@code limit}
   * (default 20, at most 100) with score, medians before and after, direction and shape.
   */
  @RequestMapping(value = "/changes", method = RequestMethod.GET)
  public Response changes(@RequestParam("at") long at,
      @RequestParam(value = "before", defaultValue = "0") long before,
      @RequestParam(value = "after", defaultValue = "0") long after,
      @RequestParam(value = "limit", defaultValue = "20") int limit,
      @RequestParam(value = "clusterName", required = false) String cluster,
      @RequestParam(value = "label", required = false) List<String> labels) {
    return Response.object(queries().changes(cluster, labels(labels), at, before, after, limit));
  }

  /**
   * The area's events (and Doflamingo's own start and stop) of [from, to], newest first: kinds
   * (comma-separated or repeated), severity (the least: INFO, WARNING, CRITICAL), the entity by
   * label ({@code broker=2}, {@code topic=orders}, ... any of {@link EventReads#ENTITY_LABELS}, or
   * {@code label=key=value}), paged. Without from and to: the last day.
   */
  @RequestMapping(value = "/events", method = RequestMethod.GET)
  public Response events(@RequestParam(value = "clusterName", required = false) String cluster,
      @RequestParam(value = "from", required = false) Long from, @RequestParam(value = "to", required = false) Long to,
      @RequestParam(value = "kinds", required = false) List<String> kinds,
      @RequestParam(value = "severity", required = false) String severity,
      @RequestParam(value = "label", required = false) List<String> labels,
      @RequestParam Map<String, String> params,
      @RequestParam(value = "start", defaultValue = "0") int start,
      @RequestParam(value = "limit", defaultValue = "100") int limit) {
    Map<String, String> filter = AreaReads.filter(area, cluster, labels(labels));
    for (String key : EventReads.ENTITY_LABELS) {
      if (params.containsKey(key)) filter.put(key, params.get(key));
    }
    return page(monitor.reads().events().events(area, from, to, EventReads.list(kinds), severity, filter, start, limit));
  }

  /** A page in Flamingo's envelope. */
  static Response page(Page<?> page) {
    return Response.page(page.rows, page.total, page.start, page.limit);
  }

  static Map<String, String> labels(List<String> pairs) {
    Map<String, String> out = new HashMap<>();
    if (pairs == null) return out;
    for (String p : pairs) {
      int eq = p.indexOf('=');
      if (eq <= 0) throw new IllegalArgumentException("label: expected key=value, got \"" + p + "\"");
      out.put(p.substring(0, eq), p.substring(eq + 1));
    }
    return out;
  }

  static int[] ids(String text) {
    String[] parts = text.split(",");
    int[] out = new int[parts.length];
    for (int i = 0; i < parts.length; i++) {
      try {
        out[i] = Integer.parseInt(parts[i].trim());
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("ids: expected series ids separated by commas, got \"" + parts[i].trim() + "\"");
      }
    }
    return out;
  }

  static <E extends Enum<E>> E parse(Class<E> type, String parameter, String value) {
    try {
      return Enum.valueOf(type, value.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(parameter + ": expected one of " + Arrays.toString(type.getEnumConstants())
          + ", got \"" + value + "\"");
    }
  }

  @ExceptionHandler(IllegalArgumentException.class)
  @ResponseStatus(HttpStatus.BAD_REQUEST)
  public Response badArgument(IllegalArgumentException e) {
    return Response.error("BAD_REQUEST", e.getMessage());
  }

  @ExceptionHandler(MissingServletRequestParameterException.class)
  @ResponseStatus(HttpStatus.BAD_REQUEST)
  public Response missing(MissingServletRequestParameterException e) {
    return Response.error("BAD_REQUEST", e.getParameterName() + ": is required");
  }

  /** Spring 4.1 does not name the parameter here; the value and the expected type say enough. */
  @ExceptionHandler(TypeMismatchException.class)
  @ResponseStatus(HttpStatus.BAD_REQUEST)
  public Response mismatch(TypeMismatchException e) {
    String type = e.getRequiredType() == null ? "another type" : e.getRequiredType().getSimpleName().toLowerCase(Locale.ROOT);
    return Response.error("BAD_REQUEST", "expected a " + type + ", got \"" + e.getValue() + "\"");
  }

  @ExceptionHandler(NotRunningException.class)
  @ResponseStatus(HttpStatus.SERVICE_UNAVAILABLE)
  public Response notRunning(NotRunningException e) {
    return Response.error("NOT_RUNNING", e.getMessage());
  }

  @ExceptionHandler(RuntimeException.class)
  @ResponseStatus(HttpStatus.INTERNAL_SERVER_ERROR)
  public Response failed(RuntimeException e) {
    log.error("Doflamingo /monitoring/{} failed", area.name().toLowerCase(Locale.ROOT), e);
    return Response.error("FAILED", e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
  }
}
