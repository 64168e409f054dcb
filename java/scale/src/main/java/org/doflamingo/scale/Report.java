package org.doflamingo.scale;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The run's one table: a row per figure (what, who, value, how it was measured), printed at the end
 * and written as markdown. Rows are added as phases finish, so a run that fails half way still
 * reports what it measured (with the failure as a row).
 */
final class Report {
  private static final class Row {
    final String what;
    final String who;
    final String value;
    final String note;

    Row(String what, String who, String value, String note) {
      this.what = what;
      this.who = who;
      this.value = value;
      this.note = note;
    }
  }

  private final String title;
  private final List<Row> rows = new ArrayList<>();
  private final List<String> lines = new ArrayList<>();

  Report(String title) {
    this.title = title;
  }

  synchronized void add(String what, String who, String value, String note) {
    rows.add(new Row(what, who, value, note == null ? "" : note));
    System.out.printf("  [%s] %s: %s%s%n", who, what, value, note == null || note.isEmpty() ? "" : " (" + note + ")");
  }

  /** A line printed under the table (the cluster, the flags, what was left out). */
  synchronized void line(String text) {
    lines.add(text);
  }

  static String ms(double ms) {
    return ms >= 10_000 ? String.format(Locale.ROOT, "%,.1f s", ms / 1000) : String.format(Locale.ROOT, "%,.0f ms", ms);
  }

  /** Milliseconds with one decimal, for the fast ones (REST calls). */
  static String ms1(double ms) {
    return String.format(Locale.ROOT, "%,.1f ms", ms);
  }

  static String mb(double bytes) {
    return bytes >= 10L << 30 ? String.format(Locale.ROOT, "%,.1f GB", bytes / (1 << 30))
        : String.format(Locale.ROOT, "%,.0f MB", bytes / (1 << 20));
  }

  synchronized String markdown() {
    StringBuilder sb = new StringBuilder("# ").append(title).append("\n\n");
    for (String l : lines) sb.append(l).append("\n\n");
    sb.append("| what | who | value | how |\n|---|---|---:|---|\n");
    for (Row r : rows) {
      sb.append("| ").append(cell(r.what)).append(" | ").append(cell(r.who)).append(" | ").append(cell(r.value)).append(" | ")
          .append(cell(r.note)).append(" |\n");
    }
    return sb.toString();
  }

  private static String cell(String s) {
    return s.replace("|", "\\|").replace("\n", " ");
  }

  void write(Path file) throws IOException {
    Files.createDirectories(file.toAbsolutePath().getParent());
    Files.write(file, markdown().getBytes(StandardCharsets.UTF_8));
  }
}
