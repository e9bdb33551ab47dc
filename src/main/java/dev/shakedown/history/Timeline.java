package dev.shakedown.history;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Append-only, thread-safe sequence of {@link TimelineEvent}s: watches, probes and fault marks feed it. */
public final class Timeline {

  private final List<TimelineEvent> events = new ArrayList<>();

  public synchronized TimelineEvent record(String source, String kind, String subject, String detail, Instant apiTime) {
    TimelineEvent event = new TimelineEvent(System.nanoTime(), Instant.now(), apiTime, source, kind, subject, detail);
    events.add(event);
    return event;
  }

  /** Marks a fault being injected or healed: {@code kind} is {@code inject} or {@code heal}. */
  public TimelineEvent markFault(String kind, String fault, String detail) {
    return record("fault", kind, fault, detail, null);
  }

  public synchronized List<TimelineEvent> snapshot() {
    return Collections.unmodifiableList(new ArrayList<>(events));
  }

  public synchronized int size() {
    return events.size();
  }
}
