package org.doflamingo.config;

/** A configuration Doflamingo cannot use; the message names the field and what was expected. */
public final class ConfigException extends Exception {
  private static final long serialVersionUID = 1L;
  private final String field;

  public ConfigException(String field, String problem) {
    super(field.isEmpty() ? problem : field + ": " + problem);
    this.field = field;
  }

  /** The JSON path of the offending field, e.g. {@code kafka[0].brokers[1].jmxPort}. */
  public String field() {
    return field;
  }
}
