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
    int size = 4;
    for (String s : items) {
      if (s == null) throw new NullPointerException("null string in a series key or label list");
      byte[] b = s.getBytes(StandardCharsets.UTF_8);
      bytes.add(b);
      size += 4 + b.length;
    }
    ByteBuffer buf = ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);
    buf.putInt(items.size());
    for (byte[] b : bytes) {
      buf.putInt(b.length);
      buf.put(b);
    }
    return buf.array();
  }

  static List<String> decode(byte[] data) {
    ByteBuffer buf = ByteBuffer.wrap(data).order(ByteOrder.LITTLE_ENDIAN);
    int n = buf.getInt();
    List<String> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      int len = buf.getInt();
      out.add(new String(data, buf.position(), len, StandardCharsets.UTF_8));
      buf.position(buf.position() + len);
    }
    return out;
  }
}
