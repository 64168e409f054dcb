package org.doflamingo.query;

import java.util.Collections;
import java.util.List;

/** "What changed" around a moment in one area: the windows compared, how many series were ranked, the best rows. */
public final class Changes {
  /** The moment, and the windows (at - before, at] and (at, at + after] compared. */
  public final long at;
  public final long before;
  public final long after;
  /** Series of the area with enough known points in both windows. */
  public final long ranked;
  /** Series without (gaps, too young, silent after the moment: a target that went down). */
  public final long skipped;
  /** Highest score first. */
  public final List<ChangeRow> rows;

  Changes(long at, long before, long after, long ranked, long skipped, List<ChangeRow> rows) {
    this.at = at;
    this.before = before;
    this.after = after;
    this.ranked = ranked;
    this.skipped = skipped;
    this.rows = Collections.unmodifiableList(rows);
  }
}
