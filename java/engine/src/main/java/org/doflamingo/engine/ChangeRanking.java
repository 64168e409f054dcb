package org.doflamingo.engine;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** What {@link Engine#rankChanges} answers: the best rows, and how many series could be ranked at all. */
public final class ChangeRanking {
  /** Numbers per row in the engine's flat answer (NativeEngine::kChangeRowFields). */
  static final int ROW_FIELDS = 9;

  /** Highest score first, then lowest id. */
  public final List<SeriesChange> top;
  /** Series with enough known points in both windows. */
  public final long ranked;
  /** Series without (gaps, too young, silent after the moment: a target that went down). */
  public final long skipped;

  ChangeRanking(List<SeriesChange> top, long ranked, long skipped) {
    this.top = Collections.unmodifiableList(top);
    this.ranked = ranked;
    this.skipped = skipped;
  }

  /** The engine's flat answer: ranked, skipped, then ROW_FIELDS numbers per row. */
  static ChangeRanking decode(double[] flat) {
    if (flat.length < 2 || (flat.length - 2) % ROW_FIELDS != 0) {
      throw new EngineException("rankChanges answered " + flat.length + " numbers, not 2 + " + ROW_FIELDS + " per row");
    }
    List<SeriesChange> rows = new ArrayList<>((flat.length - 2) / ROW_FIELDS);
    for (int i = 2; i < flat.length; i += ROW_FIELDS) {
      rows.add(new SeriesChange((int) flat[i], flat[i + 1], flat[i + 2], flat[i + 3], flat[i + 4], (int) flat[i + 5],
          ChangeShape.fromCode((int) flat[i + 6]), (int) flat[i + 7], (int) flat[i + 8]));
    }
    return new ChangeRanking(rows, (long) flat[0], (long) flat[1]);
  }
}
