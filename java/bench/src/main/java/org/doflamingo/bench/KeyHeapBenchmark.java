package org.doflamingo.bench;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.doflamingo.engine.SeriesKey;

/**
 * Java heap per series: the two copies of its key the process keeps (the collectors' id map,
 * key to id; the query side's index, id to key), each a group×partition key with fresh strings
 * as collectors and the engine's decoder make them. The figure {@code sizing} uses for heap.
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
    Map<Integer, SeriesKey> index = new ConcurrentHashMap<>();
    for (int i = 0; i < n; i++) index.put(i, key(i));
    long afterIndex = usedHeap();
    System.out.printf("%d series: id map %d B/series, key index %d B/series, together %d B/series%n", ids.size(),
        (afterIds - before) / n, (afterIndex - afterIds) / index.size(), (afterIndex - before) / n);
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
