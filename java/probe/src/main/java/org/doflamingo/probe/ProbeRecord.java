package org.doflamingo.probe;

import java.nio.ByteBuffer;

/**
 * What a probe record carries, in its value: a format byte, the producing probe's session (so
 * a second Doflamingo probing the same topic, or this one before a restart, is never read as
 * loss or duplicates), the partition's sequence number and the time it was produced. 25 bytes;
 * anything else in the topic is ignored.
 */
final class ProbeRecord {
  static final byte FORMAT = 'D';
  static final int SIZE = 25;

  final long session;
  final long sequence;
  final long timestampMs;

  ProbeRecord(long session, long sequence, long timestampMs) {
    this.session = session;
    this.sequence = sequence;
    this.timestampMs = timestampMs;
  }

  byte[] encode() {
    return ByteBuffer.allocate(SIZE).put(FORMAT).putLong(session).putLong(sequence).putLong(timestampMs).array();
  }

  /** The record in {@code value}, or null when it is not one. */
  static ProbeRecord decode(byte[] value) {
    if (value == null || value.length != SIZE || value[0] != FORMAT) return null;
    ByteBuffer b = ByteBuffer.wrap(value, 1, SIZE - 1);
    long session = b.getLong();
    long sequence = b.getLong();
    long timestamp = b.getLong();
    return sequence < 0 ? null : new ProbeRecord(session, sequence, timestamp);
  }
}
