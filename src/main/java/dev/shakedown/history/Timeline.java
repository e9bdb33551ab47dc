package dev.shakedown.history;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Append-only, thread-safe sequence of {@link TimelineEvent}s: watches, probes and fault marks feed it. */
public final class Timeline {

  private final List<TimelineEvent> events = new ArrayList<>();

  /**
   * Starts a mark: {@code timeline.mark("fault", "inject").subject("pod-kill").detail(targets).record()}. The source
   * says who marks (a watch, a fault, a phase, the scenario), the kind what happened.
   */
  public Mark mark(String source, String kind) {
    return new Mark(this, java.util.Objects.requireNonNull(source, "source"),
        java.util.Objects.requireNonNull(kind, "kind"));
  }

  /** A timeline mark being built; {@link #record()} appends it. */
  public static final class Mark {
    private final Timeline timeline;
    private final String source;
    private final String kind;
    private String subject = "";
    private String detail;
    private Instant apiTime;

    private Mark(Timeline timeline, String source, String kind) {
      this.timeline = timeline;
      this.source = source;
      this.kind = kind;
    }

    /** What it is about, e.g. {@code pod/<ns>/<name>} or a phase's name. */
    public Mark subject(String subject) {
      this.subject = subject;
      return this;
    }

    /** Free text: targets, a cause, a measured value. */
    public Mark detail(String detail) {
      this.detail = detail;
      return this;
    }

    /** When the API server says it happened (a watch event's own time), besides when it was recorded. */
    public Mark apiTime(Instant apiTime) {
      this.apiTime = apiTime;
      return this;
    }

    /** Appends the mark, stamped now; returns the event. */
    public TimelineEvent record() {
      return timeline.append(source, kind, subject, detail, apiTime);
    }
  }

  private synchronized TimelineEvent append(String source, String kind, String subject, String detail, Instant apiTime) {
    TimelineEvent event = new TimelineEvent(System.nanoTime(), Instant.now(), apiTime, source, kind, subject, detail);
    events.add(event);
    return event;
  }

  /** Marks a fault being injected or healed: {@code kind} is {@code injecting} (begun), {@code inject} or {@code heal}. */
  public TimelineEvent markFault(String kind, String fault, String detail) {
    return mark("fault", kind).subject(fault).detail(detail).record();
  }

  public synchronized List<TimelineEvent> snapshot() {
    return Collections.unmodifiableList(new ArrayList<>(events));
  }

  public synchronized int size() {
    return events.size();
  }
}
