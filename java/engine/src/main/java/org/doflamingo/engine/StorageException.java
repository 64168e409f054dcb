package org.doflamingo.engine;

/**
 * The journal or the RRD files could not be written or read: disk full, read-only, rrdcached
 * down. Samples of a batch whose ingest threw this were not acknowledged.
 */
public class StorageException extends EngineException {
  private static final long serialVersionUID = 1L;

  public StorageException(String message) {
    super(message);
  }
}
