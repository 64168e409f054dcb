package org.opencloudengine.flamingo2.doflamingo.web;

import java.util.List;
import java.util.Map;

/**
 * Flamingo 2's REST envelope, field for field ({@code success, total, limit, start, error, map,
 * list, object}), so its Ext JS stores and proxies read Doflamingo's answers like any other. The
 * module cannot link Flamingo's own class (it is not on Maven Central); this one serializes the same.
 */
public final class Response {
  /** Flamingo's error node: a code and a message a person can act on; never a stack trace. */
  public static final class Error {
    private final String code;
    private final String message;

    Error(String code, String message) {
      this.code = code;
      this.message = message;
    }

    public String getCode() {
      return code;
    }

    public String getMessage() {
      return message;
    }
  }

  private boolean success = true;
  private int total;
  private int limit;
  private int start;
  private Error error;
  private Map<String, Object> map;
  private List<?> list;
  private Object object;

  public static Response object(Object object) {
    Response r = new Response();
    r.object = object;
    return r;
  }

  public static Response map(Map<String, Object> map) {
    Response r = new Response();
    r.map = map;
    return r;
  }

  /** A whole list. */
  public static Response list(List<?> list) {
    return page(list, list.size(), 0, list.size());
  }

  /** One page of {@code total} items, from {@code start}. */
  public static Response page(List<?> page, int total, int start, int limit) {
    Response r = new Response();
    r.list = page;
    r.total = total;
    r.start = start;
    r.limit = limit;
    return r;
  }

  public static Response error(String code, String message) {
    Response r = new Response();
    r.success = false;
    r.error = new Error(code, message);
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

  public List<?> getList() {
    return list;
  }

  public Object getObject() {
    return object;
  }
}
