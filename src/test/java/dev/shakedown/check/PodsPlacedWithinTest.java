package dev.shakedown.check;

import static dev.shakedown.assertj.ShakedownAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.shakedown.history.TimelineEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.Test;

class PodsPlacedWithinTest {

  private static final String POD = "pod/ns/web-x";
  private final List<TimelineEvent> events = new ArrayList<>();

  private void at(double seconds, String source, String kind, String subject, String detail) {
    events.add(new TimelineEvent((long) (seconds * 1e9), Instant.EPOCH, null, source, kind, subject, detail));
  }

  private Verdict check(Duration bound) {
    return new PlacementChecker(bound).check(events);
  }

  @Test
  void aPodScheduledWithinTheBoundIsValid() {
    at(0, "pod", "ADDED", POD, "phase Pending");
    at(2, "pod", "Scheduled", POD, "PodScheduled=True on worker2");
    at(10, "phase", "begin", "verify", null);

    assertThat(check(Duration.ofSeconds(5))).isValid().hasCount("waits", 1).hasCount("late", 0);
  }

  @Test
  void aPodWithoutANodeForLongerThanTheBoundIsInvalidWithTheSchedulersReason() {
    at(0, "pod", "ADDED", POD, "phase Pending");
    at(1, "pod", "Unschedulable", POD, "PodScheduled=False (Unschedulable)");
    at(1.5, "event", "FailedScheduling", POD, "Warning: 0/4 nodes are available: 3 Insufficient cpu.");
    at(40, "pod", "Scheduled", POD, "PodScheduled=True on worker2");

    Verdict verdict = check(Duration.ofSeconds(30));

    assertThat(verdict).isInvalid().hasCount("late", 1);
    Assertions.assertThat(verdict.summary()).contains("pod/ns/web-x waited 40.0 s: Warning: 0/4 nodes are available: 3 Insufficient cpu.");
  }

  @Test
  void aPodStillWithoutANodeAtTheEndIsLate() {
    at(0, "pod", "ADDED", POD, "phase Pending");
    at(60, "phase", "begin", "verify", null);

    Assertions.assertThat(check(Duration.ofSeconds(30)).summary()).contains("still without a node after 60.0 s");
  }

  @Test
  void aPodWaitingForItsVolumesNodeMayWaitUntilThatNodeIsBackPlusTheBound() {
    at(0, "node", "Cordoned", "node/worker2", null);
    at(1, "pod", "ADDED", POD, "phase Pending");
    at(2, "event", "FailedScheduling", POD, "Warning: 0/4 nodes are available: 1 node(s) were unschedulable, "
        + "2 node(s) had volume node affinity conflict.");
    at(90, "node", "Uncordoned", "node/worker2", null);
    at(95, "pod", "Scheduled", POD, "PodScheduled=True on worker2");

    assertThat(check(Duration.ofSeconds(30))).isValid().hasCount("waited-for-their-node", 1);

    events.set(4, new TimelineEvent(125_000_000_000L, Instant.EPOCH, null, "pod", "Scheduled", POD,
        "PodScheduled=True on worker2"));
    assertThat(check(Duration.ofSeconds(30))).isInvalid();
  }

  @Test
  void aPodWaitingForItsVolumesNodeThatNeverGetsANodeIsLate() {
    at(0, "node", "Cordoned", "node/worker2", null);
    at(1, "pod", "ADDED", POD, "phase Pending");
    at(2, "event", "FailedScheduling", POD, "Warning: 0/4 nodes are available: 1 node(s) were unschedulable, "
        + "2 node(s) had volume node affinity conflict.");
    at(90, "node", "Uncordoned", "node/worker2", null);
    at(200, "phase", "begin", "verify", null);

    assertThat(check(Duration.ofSeconds(30))).isInvalid().hasCount("late", 1);
  }

  @Test
  void aNonPositiveBoundIsRefused() {
    assertThatThrownBy(() -> TimelineCheckers.podsPlacedWithin(Duration.ZERO))
        .hasMessage("the bound must be positive, was PT0S");
  }
}
