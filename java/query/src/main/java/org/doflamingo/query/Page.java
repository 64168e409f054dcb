package org.doflamingo.query;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** One page of a list, sorted first when asked: what a server-paged table shows, and how many rows there are in all. */
public final class Page<R> {
  /** Most rows in one page. */
  public static final int MAX_LIMIT = 5000;

  public final List<R> rows;
  public final int total;
  public final int start;
  public final int limit;

  private Page(List<R> rows, int total, int start, int limit) {
    this.rows = rows;
    this.total = total;
    this.start = start;
    this.limit = limit;
  }

  /** Rows {@code start} to {@code start + limit} of {@code all} in {@code order} (null: as they are). */
  public static <R> Page<R> of(List<R> all, Comparator<? super R> order, int start, int limit) {
    check(start, limit);
    List<R> items = all;
    if (order != null) {
      items = new ArrayList<>(all);
      items.sort(order);
    }
    int from = Math.min(start, items.size());
    return new Page<>(items.subList(from, Math.min(items.size(), from + limit)), items.size(), start, limit);
  }

  /** A page another layer already cut (the engine's event log pages itself): its rows and the total they were cut from. */
  public static <R> Page<R> slice(List<R> rows, int total, int start, int limit) {
    check(start, limit);
    return new Page<>(rows, total, start, limit);
  }

  /** Refuses a start or limit {@link #of} would refuse, before a list is read for it. */
  public static void check(int start, int limit) {
    if (start < 0) throw new IllegalArgumentException("start: expected 0 or more, got " + start);
    if (limit < 1 || limit > MAX_LIMIT) throw new IllegalArgumentException("limit: expected 1 to " + MAX_LIMIT + ", got " + limit);
  }
}
