package org.doflamingo.query;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The sortable columns of a row type, by the field name the pages send as {@code sort}: one list
 * that both checks the argument and orders the rows. Values compare in their natural order when
 * of one type (numbers as numbers), as text otherwise; missing values last in either direction.
 */
public final class Columns<R> {
  private final Map<String, Function<R, Object>> columns = new LinkedHashMap<>();

  public static <R> Columns<R> of(String name, Function<R, Object> value) {
    return new Columns<R>().and(name, value);
  }

  public Columns<R> and(String name, Function<R, Object> value) {
    columns.put(name, value);
    return this;
  }

  public List<String> names() {
    return new ArrayList<>(columns.keySet());
  }

  /** Refuses a column this row type has not: a 400 naming the columns. */
  public void check(String sort) {
    if (!columns.containsKey(sort)) throw new IllegalArgumentException("sort: expected one of " + names() + ", got \"" + sort + "\"");
  }

  /** The order of {@code sort} (see {@link #check}). */
  public Comparator<R> order(String sort, boolean descending) {
    check(sort);
    Function<R, Object> value = columns.get(sort);
    return (a, b) -> {
      Object x = value.apply(a);
      Object y = value.apply(b);
      // a row without the value (not current) is last either way: "max lag, descending" starts with the worst known
      if (x == null || y == null) return x == null ? (y == null ? 0 : 1) : -1;
      int c = compare(x, y);
      return descending ? -c : c;
    };
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private static int compare(Object a, Object b) {
    if (a instanceof Comparable && a.getClass() == b.getClass()) return ((Comparable) a).compareTo(b);
    return String.valueOf(a).compareTo(String.valueOf(b));
  }
}
