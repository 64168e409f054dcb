package org.doflamingo.scale;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The consumer-groups page in Chromium at the run's scale, as {@code webapp/bench/groups.bench.mjs}
 * times it (first rows shown, the first page again, a header sort, filter as you type), against the
 * server the run watches the cluster with, collection still running. Needs node and Debian's
 * chromium (the webapp's own test set-up); without them the report says so instead of a figure.
 */
final class GroupsPageRun {
  private GroupsPageRun() {
  }

  /** The bench's figure lines, or one line saying why there are none. */
  static List<String> time(URI server, String filter, int rounds, Path logs) throws Exception {
    List<String> out = new ArrayList<>();
    Path bench = Paths.get(System.getProperty("scale.webapp.dir", "../../webapp")).resolve("bench/groups.bench.mjs").toAbsolutePath();
    if (!Files.isRegularFile(bench)) {
      out.add("not measured: no " + bench);
      return out;
    }
    Path log = logs.resolve("groups-page.out");
    Child node = Child.start("groups page", Child.list("node", bench.toString(), server.toString(), String.valueOf(rounds), filter), log);
    Child.Result r = node.await(Duration.ofMinutes(10));
    List<String> lines = Files.readAllLines(log);
    for (String line : lines) if (line.startsWith("  ") || line.startsWith("consumer-groups page")) out.add(line.trim());
    if (r.exitCode != 0 || out.isEmpty()) {
      out.clear();
      out.add("not measured: the page bench exited " + r.exitCode + " (see " + log + ")");
    }
    return out;
  }
}
