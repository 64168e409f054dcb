package org.doflamingo.collect.catalogue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.doflamingo.collect.series.ScopeKeys;
import org.doflamingo.collect.series.SeriesPolicy;
import org.doflamingo.config.SeriesConfig;

/**
 * Writes {@code docs/metrics.md} from the catalogue; {@code MetricCatalogueTest} keeps the two in
 * step. A build tool, not part of the collectors jar: it lives with the test that needs it. Run
 * from the repository root: {@code mvn -q -pl java/collectors test-compile exec:java
 * -Dexec.classpathScope=test -Dexec.mainClass=org.doflamingo.collect.catalogue.CatalogueDocs}
 */
public final class CatalogueDocs {
  private CatalogueDocs() {}

  static String render(MetricCatalogue catalogue) {
    StringBuilder md = new StringBuilder();
    md.append("# Metrics\n\n")
        .append("Generated from `java/collectors/src/main/resources/org/doflamingo/collect/catalogue/metrics.json`")
        .append(" by `CatalogueDocs`; do not edit by hand.\n\n")
        .append("Kinds: a *gauge* is stored as read, a *counter* as a per-second rate. Health: the first rule")
        .append(" that holds colours the tile, red before amber; otherwise green (figures read every scrape: once held on every")
        .append(" reading for 10 s, until clear for 30 s; see java/query's SustainedHealth). Retention: the class each of its scopes")
        .append(" gets by default (by level, or pinned in the catalogue); see docs/retention.md. A metric that")
        .append(" several kinds of target expose is listed under each; *not on* says where it is known to be absent.\n");
    SeriesPolicy policy = new SeriesPolicy(SeriesConfig.defaults(), Collections.emptyList(), catalogue);
    for (String system : MetricCatalogue.SYSTEMS) {
      md.append("\n## ").append(system).append("\n\n")
          .append("| series | kind | unit | amber | red | retention | source | meaning |\n")
          .append("|---|---|---|---|---|---|---|---|\n");
      for (MetricSpec s : catalogue.of(system)) {
        md.append("| `").append(s.name).append("` | ").append(s.kind).append(" | ").append(s.unit).append(" | ")
            .append(s.amber == null ? "" : "`" + s.amber + "`").append(" | ")
            .append(s.red == null ? "" : "`" + s.red + "`").append(" | ")
            .append(retention(policy, s)).append(" | ")
            .append(cell(s.source)).append(" | ").append(cell(s.description))
            .append(s.notOn == null ? "" : " *Not on:* " + cell(s.notOn) + ".").append(" |\n");
      }
    }
    return md.toString();
  }

  /** "cluster", or per scope: "broker: cluster, broker-topic: topic". */
  private static String retention(SeriesPolicy policy, MetricSpec s) {
    List<String> parts = new ArrayList<>();
    Set<String> classes = new LinkedHashSet<>();
    for (String scope : s.per) {
      String cls = policy.classOf(ScopeKeys.key(s.name, scope));
      classes.add(cls);
      parts.add(scope + ": " + cls);
    }
    return classes.size() == 1 ? classes.iterator().next() : String.join(", ", parts);
  }

  private static String cell(String text) {
    return text.replace("|", "\\|");
  }

  public static void main(String[] args) throws IOException {
    Path out = Paths.get(args.length > 0 ? args[0] : "docs/metrics.md");
    Files.createDirectories(out.toAbsolutePath().getParent());
    Files.write(out, render(MetricCatalogue.load()).getBytes(StandardCharsets.UTF_8));
    System.out.println("wrote " + out.toAbsolutePath());
  }
}
