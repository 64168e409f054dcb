package org.doflamingo.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** One REST call timed for the benchmarks: {@link #WARM_UP} requests first, then the timed ones. */
public final class RestTimings {
  static final int WARM_UP = 20;

  /** The last warm-up answer: what the call returns. */
  public final String body;
  /** Milliseconds per timed request, sorted. */
  public final List<Double> sortedMs;

  private RestTimings(String body, List<Double> sortedMs) {
    this.body = body;
    this.sortedMs = sortedMs;
  }

  public static RestTimings of(HttpClient http, URI uri, int requests) throws Exception {
    String body = "";
    for (int i = 0; i < WARM_UP; i++) body = get(http, uri);
    List<Double> ms = new ArrayList<>();
    for (int i = 0; i < requests; i++) {
      long start = System.nanoTime();
      get(http, uri);
      ms.add((System.nanoTime() - start) / 1e6);
    }
    Collections.sort(ms);
    return new RestTimings(body, ms);
  }

  public double pct(int p) {
    return FreshnessBenchmark.pct(sortedMs, p);
  }

  public double max() {
    return sortedMs.get(sortedMs.size() - 1);
  }

  /** A GET that must answer 200; its body. */
  public static String get(HttpClient http, URI uri) throws Exception {
    HttpResponse<String> r = http.send(HttpRequest.newBuilder(uri).GET().build(), HttpResponse.BodyHandlers.ofString());
    if (r.statusCode() != 200) throw new IllegalStateException(uri + " answered " + r.statusCode() + ": " + r.body());
    return r.body();
  }
}
