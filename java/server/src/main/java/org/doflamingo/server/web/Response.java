package org.doflamingo.server.web;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The JSON envelope every Flamingo 2 controller answers with:
 * {@code {success, total, limit, start, error, map, list, object}}.
 */
public final class Response {
  /** Why a request failed, in {@link Response#getError()}. */
  public static final class Error {
    private final String message;

    public Error(String message) {
      this.message = message;
    }

    public String getMessage() {
      return message;
    }
  }

  private boolean success;
  private int total;
  private int limit;
  private int start;
  private Error error;
  private final Map<String, Object> map = new LinkedHashMap<>();
  private final List<Object> list = new ArrayList<>();
  private Object object;

  /** A successful answer listing {@code rows}, with total and limit set to their number. */
  public static Response ofList(List<?> rows) {
    Response r = new Response();
    r.success = true;
    r.list.addAll(rows);
    r.total = rows.size();
    r.limit = rows.size();
    return r;
  }

  /** A successful answer carrying one {@code object}. */
  public static Response ofObject(Object object) {
    Response r = new Response();
    r.success = true;
    r.object = object;
    return r;
  }

  public boolean isSuccess() {
    return success;
  }

  public int getTotal() {
    return total;
  }

  public int getLimit() {
    return limit;
  }

  public int getStart() {
    return start;
  }

  public Error getError() {
    return error;
  }

  public Map<String, Object> getMap() {
    return map;
  }

  public List<Object> getList() {
    return list;
  }

  public Object getObject() {
    return object;
  }
}
