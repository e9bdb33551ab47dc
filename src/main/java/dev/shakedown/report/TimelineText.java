package dev.shakedown.report;

import dev.shakedown.history.TimelineEvent;
import java.util.List;
import java.util.Locale;

/** Renders a timeline as text, one event a line, with seconds since the first event. */
public final class TimelineText {

  private TimelineText() {}

  /** {@code +  12.345s  source  kind  subject  detail}, or {@code (no events)}. */
  public static String render(List<TimelineEvent> events) {
    if (events.isEmpty()) {
      return "(no events)\n";
    }
    long start = events.get(0).recordedNanos();
    StringBuilder text = new StringBuilder();
    for (TimelineEvent e : events) {
      text.append(String.format(Locale.ROOT, "+%9.3fs  %-6s %-12s %-40s %s  [%s]%n",
          (e.recordedNanos() - start) / 1e9, e.source(), e.kind(), e.subject(),
          e.detail() == null ? "" : e.detail(), e.recordedAt()));
    }
    return text.toString();
  }
}
