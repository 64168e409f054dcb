package org.doflamingo.bench;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.doflamingo.collect.series.SeriesKeys;
import org.doflamingo.engine.SeriesKey;

/**
 * Java heap per series for its key, each a group×partition key with fresh strings as collectors
 * make them: the collectors' id map (key to id, as {@code EngineScrape.Ids} holds it) and the
 * read side's lookup (id to key, {@link SeriesKeys}, the same key objects), against what the read
 * side cost before it shared them (its own map of a second, decoded copy). The figure
 * {@code sizing} uses for heap.
 *
 * <pre>KeyHeapBenchmark [--series 200000]</pre>
 */
public final class KeyHeapBenchmark {
  private KeyHeapBenchmark() {}

  public static void main(String[] args) {
    int n = args.length == 2 && args[0].equals("--series") ? Integer.parseInt(args[1]) : 200_000;
    long before = usedHeap();
    Map<SeriesKey, Integer> ids = new ConcurrentHashMap<>();
    for (int i = 0; i < n; i++) ids.put(key(i), i);
    long afterIds = usedHeap();
    SeriesKeys shared = new SeriesKeys();
    for (Map.Entry<SeriesKey, Integer> e : ids.entrySet()) shared.put(e.getValue(), e.getKey());
    long afterShared = usedHeap();
    Map<Integer, SeriesKey> secondCopy = new ConcurrentHashMap<>();
    for (int i = 0; i < n; i++) secondCopy.put(i, key(i));
    long afterCopy = usedHeap();
    System.out.printf("%d series: id map %d B/series, shared id-to-key lookup %d B/series: together %d B/series"
        + " (before sharing, a second decoded copy in its own map: %d B/series more)%n", n, (afterIds - before) / n,
        (afterShared - afterIds) / n, (afterShared - before) / n, (afterCopy - afterShared) / secondCopy.size());
    if (shared.get(n - 1) == null || ids.size() != n) throw new AssertionError("the maps must stay alive to be measured");
  }

  private static SeriesKey key(int i) {
    return SeriesKey.of("kafka.consumer.group.lag", "cluster", "prod", "group", "group-" + (i / 4), "topic", "topic-" + (i % 1000),
        "partition", String.valueOf(i % 20));
  }

  private static long usedHeap() {
    Runtime r = Runtime.getRuntime();
    for (int i = 0; i < 5; i++) System.gc();
    return r.totalMemory() - r.freeMemory();
  }
}
