package org.doflamingo.engine;

/** An error inside the native engine that is neither bad input nor a storage problem. */
public class EngineException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public EngineException(String message) {
    super(message);
  }
}
