package dev.shakedown.observe;

import dev.shakedown.history.Timeline;
import java.time.Duration;
import java.util.Objects;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;

/**
 * Marks the gaps of one informer's watch on a timeline, from samples of whether it is open: {@code watch-lost} at
 * the first sample that finds it closed, {@code watch-resumed} (detail {@code after PT…S}) at the first that finds
 * it open again. A gap still open when the recorder closes is left as it is: the timeline then ends in a
 * {@code watch-lost}.
 */
final class WatchGaps {

  private final String subject;
  private final BooleanSupplier watching;
  private final Timeline timeline;
  private final LongSupplier clock;
  private long lostAt = -1;

  WatchGaps(String subject, BooleanSupplier watching, Timeline timeline) {
    this(subject, watching, timeline, System::nanoTime);
  }

  WatchGaps(String subject, BooleanSupplier watching, Timeline timeline, LongSupplier clock) {
    this.subject = Objects.requireNonNull(subject, "subject");
    this.watching = Objects.requireNonNull(watching, "watching");
    this.timeline = Objects.requireNonNull(timeline, "timeline");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /** One sample: marks the edge when the watch closed or opened since the last one. */
  synchronized void sample() {
    boolean open = watching.getAsBoolean();
    if (!open && lostAt < 0) {
      lostAt = clock.getAsLong();
      timeline.mark("informer", "watch-lost").subject(subject).detail("the watch is closed; fabric8 reconnects it")
          .record();
    } else if (open && lostAt >= 0) {
      Duration gap = Duration.ofNanos(clock.getAsLong() - lostAt);
      lostAt = -1;
      timeline.mark("informer", "watch-resumed").subject(subject).detail("after " + gap).record();
    }
  }
}
