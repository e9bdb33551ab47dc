package dev.shakedown.check;

import dev.shakedown.history.Timeline;
import dev.shakedown.history.TimelineEvent;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/** At least {@code minReady} pods Ready throughout the scenario; see {@link TimelineCheckers#minReady}. */
final class MinReadyChecker implements Checker<Timeline> {

  static final String CHECKER = "min-ready";

  private final String prefix;
  private final int minReady;

  MinReadyChecker(String prefix, int minReady) {
    this.prefix = Objects.requireNonNull(prefix, "prefix");
    if (minReady < 0) {
      throw new IllegalArgumentException("minReady must be >= 0, was " + minReady);
    }
    this.minReady = minReady;
  }

  @Override
  public Verdict check(Timeline timeline) {
    List<TimelineEvent> events = timeline.snapshot();
    String subject = CHECKER + " " + prefix + "*";
    Verdict.Builder b = Verdict.builder(CHECKER).count("min-available", minReady);
    ReadyPods.Window window = ReadyPods.Window.scenario(events).orElse(null);
    if (window == null) {
      return b.status(Verdict.Status.UNKNOWN)
          .summary(subject + " UNKNOWN: no end of a steady phase on the timeline, so no window to judge").build();
    }
    long from = window.from();
    long to = window.to();
    ReadyPods pods = ReadyPods.of(events, prefix);
    ReadyPods.Step lowest = pods.min(from, to);
    Duration below = pods.timeBelow(minReady, from, to);
    long changes = pods.steps().stream().filter(s -> s.nanos() > from && s.nanos() <= to).count();
    String at = String.format(Locale.ROOT, "+%.1f s", (lowest.nanos() - from) / 1e9);
    String cause = lowest.cause() == null ? "at the start" : lowest.cause().subject() + " " + lowest.cause().kind();
    b.count("min-ready", lowest.ready()).count("changes", changes)
        .detail("lowest-at", Duration.ofNanos(lowest.nanos() - from)).detail("lowest-cause", cause)
        .detail("time-below", below);
    if (lowest.ready() < minReady) {
      return b.status(Verdict.Status.INVALID).summary(String.format(Locale.ROOT,
          "%s INVALID: only %d Ready at %s after steady (%s), below %d; %d ms below in total",
          subject, lowest.ready(), at, cause, minReady, below.toMillis())).build();
    }
    return b.status(Verdict.Status.VALID).summary(String.format(Locale.ROOT,
        "%s VALID: at least %d Ready throughout (lowest %d at %s after steady, %s; %d changes)",
        subject, minReady, lowest.ready(), at, cause, changes)).build();
  }
}
