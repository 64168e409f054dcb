package org.doflamingo.engine;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Samples on their way into the engine, written straight into a direct buffer in the engine's own
 * 24-byte layout ({u32 series id, u32 0, i64 time ms, f64 value}), so one {@link Engine#ingest}
 * hands the whole batch over with one JNI call and no copy. Reusable; not thread-safe: one per
 * collector thread.
 */
public final class SampleBatch {
  static final int RECORD_BYTES = 24;
  private final ByteBuffer buffer;
  private final int capacity;
  private int size;

  public SampleBatch(int capacity) {
    if (capacity < 1) throw new IllegalArgumentException("a batch holds at least one sample");
    this.capacity = capacity;
    this.buffer = ByteBuffer.allocateDirect(capacity * RECORD_BYTES).order(ByteOrder.nativeOrder());
  }

  /** Adds a sample; throws {@link IllegalStateException} when the batch is full. */
  public SampleBatch add(int seriesId, long timeMillis, double value) {
    if (size == capacity) {
      throw new IllegalStateException("sample batch is full (" + capacity + "); ingest it and clear it");
    }
    int at = size * RECORD_BYTES;
    buffer.putInt(at, seriesId);
    buffer.putInt(at + 4, 0);
    buffer.putLong(at + 8, timeMillis);
    buffer.putDouble(at + 16, value);
    size++;
    return this;
  }

  /** Appends this batch's samples to {@code other}, which must have room (to grow a batch). */
  public void copyTo(SampleBatch other) {
    if (other.capacity - other.size < size) {
      throw new IllegalStateException("target batch has room for " + (other.capacity - other.size) + " samples, not " + size);
    }
    ByteBuffer src = buffer.duplicate();
    src.position(0);
    src.limit(size * RECORD_BYTES);
    ByteBuffer dst = other.buffer.duplicate();
    dst.position(other.size * RECORD_BYTES);
    dst.put(src);
    other.size += size;
  }

  public int size() {
    return size;
  }

  /** The series id of sample {@code i} (0 ≤ i < size). */
  public int seriesId(int i) {
    if (i < 0 || i >= size) throw new IndexOutOfBoundsException("sample " + i + " of " + size);
    return buffer.getInt(i * RECORD_BYTES);
  }

  public int capacity() {
    return capacity;
  }

  public boolean isFull() {
    return size == capacity;
  }

  public void clear() {
    size = 0;
  }

  ByteBuffer buffer() {
    return buffer;
  }
}
