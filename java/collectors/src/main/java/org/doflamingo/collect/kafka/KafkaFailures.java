package org.doflamingo.collect.kafka;

import java.util.ArrayList;
import java.util.List;

/**
 * A Kafka client's failure as one line an operator can act on: the failure and each cause that
 * adds something (an {@code SslAuthenticationException} says only "SSL handshake failed"; its
 * cause says the certificate is not trusted), never a stack trace, so the targets list and the
 * log carry the same short reason at every failed scrape.
 */
public final class KafkaFailures {
  private static final int MAX_CHARS = 600;

  private KafkaFailures() {
  }

  public static String describe(Throwable t) {
    List<String> parts = new ArrayList<>();
    String seen = "";
    for (Throwable c = t; c != null && parts.size() < 6; c = c.getCause() == c ? null : c.getCause()) {
      String message = c.getMessage() == null ? "" : c.getMessage().replaceAll("\\s+", " ").trim();
      if (message.isEmpty() && c != t) continue;
      // a wrapper that repeats its cause's words adds nothing
      if (!message.isEmpty() && seen.contains(message)) continue;
      String part = message.isEmpty() ? c.getClass().getSimpleName() : c.getClass().getSimpleName() + ": " + message;
      parts.add(part);
      seen += " " + message;
    }
    String line = String.join("; caused by ", parts);
    return line.length() > MAX_CHARS ? line.substring(0, MAX_CHARS) + "..." : line;
  }
}
