package org.doflamingo.engine;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The event log's limits on text (events.h), and {@link #fit}: an event cut to them, so that one
 * target's long error text shortens its own message rather than losing the event (the engine
 * refuses an event beyond them, naming the field).
 */
public final class EventLimits {
  public static final int MAX_AREA_BYTES = 64;
  public static final int MAX_KIND_BYTES = 128;
  public static final int MAX_STATE_BYTES = 1024;
  public static final int MAX_MESSAGE_BYTES = 4096;
  public static final int MAX_MEMBERS = 1000;
  public static final int MAX_MEMBER_BYTES = 1024;
  public static final int MAX_LABELS = 32;
  public static final int MAX_LABEL_KEY_BYTES = 128;
  public static final int MAX_LABEL_VALUE_BYTES = 1024;

  private EventLimits() {}

  /** e itself when it fits, else a copy with over-long text cut (ending in "…") and members beyond the cap left out (count kept). */
  public static Event fit(Event e) {
    if (fits(e)) return e;
    Event.Builder b = Event.at(e.timeMs, cut(e.area, MAX_AREA_BYTES), cut(e.kind, MAX_KIND_BYTES), e.severity);
    int n = 0;
    for (Map.Entry<String, String> l : e.labels.entrySet()) {
      if (n++ == MAX_LABELS) break;
      b.label(cut(l.getKey(), MAX_LABEL_KEY_BYTES), cut(l.getValue(), MAX_LABEL_VALUE_BYTES));
    }
    b.change(e.before == null ? null : cut(e.before, MAX_STATE_BYTES), e.after == null ? null : cut(e.after, MAX_STATE_BYTES));
    if (e.message != null) b.message(cut(e.message, MAX_MESSAGE_BYTES));
    List<String> members = new ArrayList<>();
    for (String m : e.members) {
      if (members.size() == MAX_MEMBERS) break;
      members.add(cut(m, MAX_MEMBER_BYTES));
    }
    return b.burst(e.count, members).build();
  }

  static boolean fits(Event e) {
    if (bytes(e.area) > MAX_AREA_BYTES || bytes(e.kind) > MAX_KIND_BYTES || e.labels.size() > MAX_LABELS) return false;
    if (e.before != null && bytes(e.before) > MAX_STATE_BYTES) return false;
    if (e.after != null && bytes(e.after) > MAX_STATE_BYTES) return false;
    if (e.message != null && bytes(e.message) > MAX_MESSAGE_BYTES) return false;
    if (e.members.size() > MAX_MEMBERS) return false;
    for (String m : e.members) if (bytes(m) > MAX_MEMBER_BYTES) return false;
    for (Map.Entry<String, String> l : e.labels.entrySet()) {
      if (bytes(l.getKey()) > MAX_LABEL_KEY_BYTES || bytes(l.getValue()) > MAX_LABEL_VALUE_BYTES) return false;
    }
    return true;
  }

  private static int bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8).length;
  }

  /** s cut at a character boundary so that it and a trailing "…" (3 bytes) take at most max bytes. */
  static String cut(String s, int max) {
    if (bytes(s) <= max) return s;
    int used = 0;
    int end = 0;
    while (end < s.length()) {
      int cp = s.codePointAt(end);
      int len = new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8).length;
      if (used + len > max - 3) break;
      used += len;
      end += Character.charCount(cp);
    }
    return s.substring(0, end) + "\u2026";
  }
}
