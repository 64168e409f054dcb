package org.doflamingo.scale;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.doflamingo.bench.BrokerCpu;
import org.doflamingo.cluster.Ports;

/**
 * jmx_exporter as a javaagent inside broker 1, scraped over HTTP as Prometheus would, one scrape
 * after another with at least {@code intervalMs} between starts, for a window; the scrapes' wall
 * times, their samples and the broker's CPU meanwhile (less its idle rate: what being watched costs it).
 */
final class ExporterAgentRun {
  final List<Double> scrapeMs = new ArrayList<>();
  long samples;
  double brokerCpuMsPerMinute;
  int failures;
  String firstError;

  static ExporterAgentRun measure(int agentPort, BrokerCpu broker, long intervalMs, Duration window) throws Exception {
    ExporterAgentRun run = new ExporterAgentRun();
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    URI metrics = URI.create("http://" + Ports.HOST + ":" + agentPort + "/metrics");
    long cpu0 = broker.nanos();
    long t0 = System.nanoTime();
    long end = t0 + window.toNanos();
    while (System.nanoTime() < end) {
      long start = System.nanoTime();
      try {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(metrics).timeout(Duration.ofMinutes(5)).GET().build(),
            HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) throw new IllegalStateException("HTTP " + r.statusCode());
        run.scrapeMs.add((System.nanoTime() - start) / 1e6);
        run.samples = countSamples(r.body());
      } catch (java.io.IOException | IllegalStateException e) {
        run.failures++;
        if (run.firstError == null) run.firstError = e.toString();
      }
      long next = start + intervalMs * 1_000_000L;
      long wait = (next - System.nanoTime()) / 1_000_000L;
      if (wait > 0) Thread.sleep(wait);
    }
    double wallMin = (System.nanoTime() - t0) / 60e9;
    run.brokerCpuMsPerMinute = (broker.nanos() - cpu0) / 1e6 / wallMin;
    Collections.sort(run.scrapeMs);
    return run;
  }

  /** Sample lines of the text format (comments and the exporter's own jmx_* and jvm_* lines left out). */
  private static long countSamples(String body) {
    long n = 0;
    for (String line : body.split("\n")) {
      if (line.isEmpty() || line.startsWith("#") || line.startsWith("jmx_") || line.startsWith("jvm_")) continue;
      n++;
    }
    return n;
  }

  static double pct(List<Double> sorted, double p) {
    if (sorted.isEmpty()) return Double.NaN;
    int rank = (int) Math.ceil(p / 100 * sorted.size());
    return sorted.get(Math.max(0, Math.min(sorted.size(), rank) - 1));
  }
}
