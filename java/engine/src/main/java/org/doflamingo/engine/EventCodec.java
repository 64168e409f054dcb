package org.doflamingo.engine;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Events in the byte form the engine keeps and takes across JNI (native/include/doflamingo/events.h):
 * a batch is, per event, a u32le length and the event's payload; text is length-prefixed UTF-8,
 * never a JNI string (JNI's "modified UTF-8" would mangle NUL and characters outside the BMP).
 */
final class EventCodec {
  private static final int VERSION = 1;
  private static final int HAS_BEFORE = 1, HAS_AFTER = 2, HAS_MESSAGE = 4;

  private EventCodec() {}

  static byte[] encodeBatch(List<Event> events) {
    Out out = new Out();
    for (Event e : events) {
      byte[] one = encode(e);
      out.u32(one.length);
      out.bytes(one);
    }
    return out.toByteArray();
  }

  static byte[] encode(Event e) {
    Out out = new Out();
    out.u8(VERSION);
    out.i64(e.timeMs);
    out.u8(e.severity.ordinal());
    out.u8((e.before != null ? HAS_BEFORE : 0) | (e.after != null ? HAS_AFTER : 0) | (e.message != null ? HAS_MESSAGE : 0));
    out.u32(e.count);
    out.str(e.area);
    out.str(e.kind);
    if (e.before != null) out.str(e.before);
    if (e.after != null) out.str(e.after);
    if (e.message != null) out.str(e.message);
    out.u32(e.labels.size());
    for (Map.Entry<String, String> l : e.labels.entrySet()) {
      out.str(l.getKey());
      out.str(l.getValue());
    }
    out.u32(e.members.size());
    for (String m : e.members) out.str(m);
    return out.toByteArray();
  }

  static List<Event> decodeBatch(byte[] data) {
    ByteBuffer buf = ByteBuffer.wrap(data).order(ByteOrder.LITTLE_ENDIAN);
    List<Event> out = new ArrayList<>();
    while (buf.hasRemaining()) {
      int len = buf.getInt();
      int end = buf.position() + len;
      out.add(decode(buf));
      if (buf.position() != end) throw new IllegalStateException("event " + out.size() + " from the engine: length mismatch");
    }
    return out;
  }

  private static Event decode(ByteBuffer buf) {
    int version = buf.get() & 0xff;
    if (version != VERSION) throw new IllegalStateException("event from the engine: unknown version " + version);
    long timeMs = buf.getLong();
    Event.Severity severity = Event.Severity.values()[buf.get()];
    int flags = buf.get() & 0xff;
    int count = buf.getInt();
    String area = str(buf);
    String kind = str(buf);
    Event.Builder b = Event.at(timeMs, area, kind, severity);
    String before = (flags & HAS_BEFORE) != 0 ? str(buf) : null;
    String after = (flags & HAS_AFTER) != 0 ? str(buf) : null;
    b.change(before, after);
    if ((flags & HAS_MESSAGE) != 0) b.message(str(buf));
    int labels = buf.getInt();
    for (int i = 0; i < labels; i++) {
      String k = str(buf);
      b.label(k, str(buf));
    }
    int members = buf.getInt();
    List<String> names = new ArrayList<>(members);
    for (int i = 0; i < members; i++) names.add(str(buf));
    b.burst(count, names);
    return b.build();
  }

  private static String str(ByteBuffer buf) {
    int n = buf.getInt();
    String s = new String(buf.array(), buf.arrayOffset() + buf.position(), n, StandardCharsets.UTF_8);
    buf.position(buf.position() + n);
    return s;
  }

  private static final class Out extends ByteArrayOutputStream {
    void u8(int v) {
      write(v);
    }

    void u32(int v) {
      write(v);
      write(v >>> 8);
      write(v >>> 16);
      write(v >>> 24);
    }

    void i64(long v) {
      u32((int) v);
      u32((int) (v >>> 32));
    }

    void bytes(byte[] b) {
      write(b, 0, b.length);
    }

    void str(String s) {
      byte[] b = s.getBytes(StandardCharsets.UTF_8);
      u32(b.length);
      bytes(b);
    }
  }
}
