package org.opencloudengine.flamingo2.doflamingo.web;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Flamingo 2's REST envelope as Flamingo writes it ({@code org.opencloudengine.flamingo2.model.rest.Response}
 * in its flamingo2-common): {@code success, total, limit, start, error, map, list, object} in that
 * order, {@code error} always an object ({@code id, code, message, cause, exception}, null when
 * unset), {@code map} always an object and {@code list} always an array, never null, so Flamingo's
 * Ext JS stores and proxies read Doflamingo's answers like any other. The module cannot link
 * Flamingo's own class (it is not on Maven Central); this one serializes the same. The stand-in host
 * (java/server) answers its own requests with its copy of Flamingo's class, in the same shape.
 */
public final class Response {
  /** Flamingo's error node: a code and a message a person can act on; never a stack trace. */
  public static final class Error {
    // Flamingo's fields, in its order (Jackson writes them so); id, cause and exception stay null
    private final String id = null;
    private final String code;
    private final String message;
    private final String cause = null;
    private final String exception = null;

    Error(String code, String message) {
      this.code = code;
      this.message = message;
    }

    /** Flamingo's id of a logged failure; Doflamingo logs under its own names, so none. */
    public String getId() {
      return id;
    }

    public String getCode() {
      return code;
    }

    public String getMessage() {
      return message;
    }

    /** Flamingo puts a root cause's text here; Doflamingo's messages already say what to do. */
    public String getCause() {
      return cause;
    }

    /** Flamingo's stack trace slot: never filled here. */
    public String getException() {
      return exception;
    }
  }

  private static final Error NONE = new Error(null, null);

  private boolean success = true;
  private int total;
  private int limit;
  private int start;
  private Error error = NONE;
  private Map<String, Object> map = new LinkedHashMap<>();
  private List<?> list = new ArrayList<>();
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
