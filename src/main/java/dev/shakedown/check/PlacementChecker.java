package dev.shakedown.check;

import dev.shakedown.history.Timeline;
import dev.shakedown.history.TimelineEvent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** Every pod found a node within a bound; see {@link TimelineCheckers#podsPlacedWithin}. */
final class PlacementChecker implements Checker<Timeline> {

  static final String CHECKER = "pods-placed";
  /** What the scheduler says when a pod's only node for its volume is not available. */
  static final String VOLUME_PINNED = "volume node affinity conflict";

  /** One stretch of a pod without a node: from its first unscheduled mark to its Scheduled mark, or open. */
  record Wait(String pod, long fromNanos, long toNanos, boolean placed, String node, String reason) {
    Duration length() {
      return Duration.ofNanos(toNanos - fromNanos);
    }

    boolean pinned() {
      return reason != null && reason.contains(VOLUME_PINNED) && !reason.contains("Insufficient");
    }
  }

  private final Duration bound;

  PlacementChecker(Duration bound) {
    this.bound = Objects.requireNonNull(bound, "bound");
    if (bound.isNegative() || bound.isZero()) {
      throw new IllegalArgumentException("the bound must be positive, was " + bound);
    }
  }

  @Override
  public Verdict check(Timeline timeline) {
    return check(timeline.snapshot());
  }

  Verdict check(List<TimelineEvent> events) {
    List<Wait> waits = waits(events);
    Verdict.Builder b = Verdict.builder(CHECKER).count("waits", waits.size())
        .count("waited-for-their-node", waits.stream().filter(Wait::pinned).count());
    List<String> late = new ArrayList<>();
    Duration longest = Duration.ZERO;
    for (Wait w : waits) {
      longest = w.length().compareTo(longest) > 0 ? w.length() : longest;
      long allowedUntil = w.fromNanos() + bound.toNanos();
      if (w.pinned() && w.placed()) {
        long back = lastUncordon(events, w.node(), w.fromNanos(), w.toNanos());
        allowedUntil = back < 0 ? allowedUntil : Math.max(allowedUntil, back + bound.toNanos());
      }
      if (w.toNanos() > allowedUntil) {
        late.add(w.pod() + " " + (w.placed() ? "waited " : "still without a node after ") + seconds(w.length())
            + (w.pinned() ? " (its volume's node came back more than " + seconds(bound) + " before)" : "")
            + (w.reason() == null ? "" : ": " + w.reason()));
      }
    }
    b.count("late", late.size()).detail("longest-wait", longest).detail("late", late);
    if (!late.isEmpty()) {
      return b.status(Verdict.Status.INVALID).summary(CHECKER + " INVALID: " + late.size() + " pod(s) without a node "
          + "for longer than " + seconds(bound) + ": " + String.join("; ", late)).build();
    }
    return b.status(Verdict.Status.VALID).summary(CHECKER + " VALID: every pod found a node within " + seconds(bound)
        + " (" + waits.size() + " waits, the longest " + seconds(longest) + ")").build();
  }

  /**
   * When {@code node} was last uncordoned within the wait ({@code from}..{@code to}), or -1: a pod still without a node,
   * or one whose node was never cordoned during its wait, gets no allowance beyond the bound.
   */
  private static long lastUncordon(List<TimelineEvent> events, String node, long from, long to) {
    if (node == null) {
      return -1;
    }
    return events.stream().filter(e -> e.source().equals("node") && e.kind().equals("Uncordoned")
            && e.subject().equals("node/" + node) && e.recordedNanos() >= from && e.recordedNanos() <= to)
        .mapToLong(TimelineEvent::recordedNanos).max().orElse(-1);
  }

  static List<Wait> waits(List<TimelineEvent> events) {
    Map<String, Long> open = new LinkedHashMap<>();
    Map<String, String> reasons = new HashMap<>();
    List<Wait> waits = new ArrayList<>();
    long end = events.isEmpty() ? 0 : events.get(events.size() - 1).recordedNanos();
    for (TimelineEvent e : events) {
      String pod = e.subject();
      if (e.source().equals("event") && e.kind().equals("FailedScheduling")) {
        reasons.put(pod, e.detail());
      }
      if (!e.source().equals("pod")) {
        continue;
      }
      boolean unscheduled = e.kind().equals("Unschedulable")
          || (e.kind().equals("ADDED") && (e.detail() == null || !e.detail().contains(" on ")));
      if (unscheduled) {
        open.putIfAbsent(pod, e.recordedNanos());
      } else if (open.containsKey(pod) && (e.kind().equals("Scheduled") || e.kind().equals("DELETED"))) {
        boolean placed = e.kind().equals("Scheduled");
        String node = placed ? nodeOf(e.detail()) : null;
        waits.add(new Wait(pod, open.remove(pod), e.recordedNanos(), placed, node, reasons.remove(pod)));
      }
    }
    open.forEach((pod, from) -> waits.add(new Wait(pod, from, end, false, null, reasons.get(pod))));
    return waits;
  }

  private static String nodeOf(String detail) {
    int on = detail == null ? -1 : detail.lastIndexOf(" on ");
    return on < 0 ? null : detail.substring(on + 4).trim();
  }

  private static String seconds(Duration d) {
    return String.format(java.util.Locale.ROOT, "%.1f s", d.toMillis() / 1000.0);
  }
}
