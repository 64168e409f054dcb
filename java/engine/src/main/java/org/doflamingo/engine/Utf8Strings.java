package org.doflamingo.engine;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A list of strings as the engine takes it across JNI: u32le count, then per item u32le length
 * and UTF-8 bytes. JNI's own string conversion ("modified UTF-8") would mangle NUL and characters
 * outside the BMP, which topic names and consumer group ids may hold.
 */
final class Utf8Strings {
  private Utf8Strings() {}

  static byte[] encode(List<String> items) {
    List<byte[]> bytes = new ArrayList<>(items.size());
    for (String s : items) {
      if (s == null) throw new NullPointerException("null string in a series key or label list");
      bytes.add(s.getBytes(StandardCharsets.UTF_8));
    }
    return encodeBytes(bytes);
  }

  /** A list of items already encoded (say, each a series key in this form). */
  static byte[] encodeBytes(List<byte[]> items) {
    int size = 4;
    for (byte[] b : items) size += 4 + b.length;
    ByteBuffer buf = ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);
    buf.putInt(items.size());
    for (byte[] b : items) {
      buf.putInt(b.length);
      buf.put(b);
    }
    return buf.array();
  }

  static List<String> decode(byte[] data) {
    return decode(data, 0, data.length);
  }

  /** Decodes the list held in {@code data[offset, offset + length)}. */
  static List<String> decode(byte[] data, int offset, int length) {
    return decodeItems(data, offset, length, (d, o, n) -> new String(d, o, n, StandardCharsets.UTF_8));
  }

  /** Reads one item of a list from {@code data[offset, offset + length)}. */
  interface ItemReader<T> {
    T read(byte[] data, int offset, int length);
  }

  /** A list whose items are not text themselves (say, each a series key in this form). */
  static <T> List<T> decodeItems(byte[] data, int offset, int length, ItemReader<T> reader) {
    ByteBuffer buf = ByteBuffer.wrap(data, offset, length).order(ByteOrder.LITTLE_ENDIAN);
    int n = buf.getInt();
    List<T> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      int len = buf.getInt();
      out.add(reader.read(data, buf.position(), len));
      buf.position(buf.position() + len);
    }
    return out;
  }
}
