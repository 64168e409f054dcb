package org.doflamingo.server.web;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The stand-in host's copy of Flamingo 2's own envelope ({@code org.opencloudengine.flamingo2.model.rest.Response}),
 * which the host's controllers and a module's test beans answer with:
 * {@code success, total, limit, start, error, map, list, object} in that order, {@code error} an
 * object of {@code id, code, message, cause, exception} (null when unset), {@code map} an object
 * and {@code list} an array even when empty. The Doflamingo module carries the same shape in its
 * own class (it cannot link Flamingo's); both are checked against the same JSON text.
 */
public final class Response {
  /** Why a request failed, in {@link Response#getError()}; every field null on success. */
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

    public String getId() {
      return id;
    }

    public String getCode() {
      return code;
    }

    public String getMessage() {
      return message;
    }

    public String getCause() {
      return cause;
    }

    public String getException() {
      return exception;
    }
  }

  private boolean success;
  private int total;
  private int limit;
  private int start;
  private Error error = new Error(null, null);
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

  /** A failed answer. */
  public static Response ofError(String code, String message) {
    Response r = new Response();
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

  public List<Object> getList() {
    return list;
  }

  public Object getObject() {
    return object;
  }
}
