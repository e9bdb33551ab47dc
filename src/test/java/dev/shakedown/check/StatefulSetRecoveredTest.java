package dev.shakedown.check;

import static dev.shakedown.assertj.ShakedownAssertions.assertThat;

import dev.shakedown.check.StatefulSetSnapshot.PodState;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StatefulSetRecoveredTest {

  private static final Duration BOUND = Duration.ofSeconds(60);

  private static PodState pod(int ordinal, String uid, boolean ready, int restarts, String pv, String node) {
    return PodState.of("db-" + ordinal, ordinal, uid, ready, restarts, "data-db-" + ordinal, pv, node);
  }

  private static StatefulSetSnapshot set(Duration readyAfter, PodState... pods) {
    return new StatefulSetSnapshot("chaos-1", "db", 3, readyAfter, List.of(pods));
  }

  private final StatefulSetSnapshot before = set(null,
      pod(0, "u0", true, 0, "pv-a", "worker"), pod(1, "u1", true, 1, "pv-b", "worker2"),
      pod(2, "u2", true, 0, "pv-c", "worker3"));

  private Verdict check(StatefulSetSnapshot after) {
    return Checkers.statefulSetRecovered(BOUND).check(BeforeAfter.of(before, after));
  }

  @Test
  void sameReadyPodsOnTheirOwnVolumesWithinTheBoundIsValid() {
    // db-1 was killed and recreated on another node; db-0 restarted a container in place
    StatefulSetSnapshot after = set(Duration.ofSeconds(42),
        pod(0, "u0", true, 2, "pv-a", "worker"), pod(1, "u1-new", true, 0, "pv-b", "worker3"),
        pod(2, "u2", true, 0, "pv-c", "worker3"));

    Verdict verdict = check(after);

    assertThat(verdict).isValid().hasCount("ready", 3).hasCount("recreated", 1).hasCount("rescheduled", 1)
        .hasCount("restarts", 2);
    assertThat(verdict.details()).containsEntry("ready-after", Duration.ofSeconds(42))
        .containsEntry("restart-counts", Map.of("db-0", 2, "db-1", 0, "db-2", 0))
        .containsEntry("recreated", List.of("db-1"));
    assertThat(verdict.summary()).contains("chaos-1/db", "42000 ms");
  }

  @Test
  void aReplicaNotReadyIsInvalid() {
    Verdict verdict = check(set(Duration.ofSeconds(10),
        pod(0, "u0", true, 0, "pv-a", "worker"), pod(1, "u1", false, 5, "pv-b", "worker2"),
        pod(2, "u2", true, 0, "pv-c", "worker3")));

    assertThat(verdict).isInvalid().hasCount("ready", 2);
    assertThat(verdict.summary()).contains("2 of 3 replicas Ready", "db-1");
  }

  @Test
  void takingLongerThanTheBoundIsInvalid() {
    assertThat(check(before.withReadyAfter(Duration.ofSeconds(61)))).isInvalid();
    assertThat(check(before.withReadyAfter(Duration.ofSeconds(61))).summary()).contains("bound 60000 ms");
    assertThat(check(before.withReadyAfter(BOUND))).isValid();
  }

  @Test
  void aPodReattachedToAnotherVolumeIsInvalid() {
    Verdict verdict = check(set(Duration.ofSeconds(5),
        pod(0, "u0", true, 0, "pv-a", "worker"), pod(1, "u1", true, 0, "pv-new", "worker2"),
        pod(2, "u2", true, 0, "pv-c", "worker3")));

    assertThat(verdict).isInvalid();
    assertThat(verdict.summary()).contains("db-1 volumes changed", "pv-b", "pv-new");
  }

  @Test
  void aMissingOrRenamedPodIsInvalid() {
    Verdict verdict = check(set(Duration.ofSeconds(5),
        pod(0, "u0", true, 0, "pv-a", "worker"), pod(1, "u1", true, 0, "pv-b", "worker2"),
        pod(3, "u3", true, 0, "pv-c", "worker3")));

    assertThat(verdict).isInvalid();
    assertThat(verdict.summary()).contains("db-2 (ordinal 2) is gone", "unexpected new pod db-3");
  }

  @Test
  void aChangedOrdinalIsInvalid() {
    PodState renumbered = PodState.of("db-2", 7, "u2", true, 0, "data-db-2", "pv-c", "worker3");

    assertThat(check(set(Duration.ofSeconds(5), pod(0, "u0", true, 0, "pv-a", "worker"),
        pod(1, "u1", true, 0, "pv-b", "worker2"), renumbered))).isInvalid();
  }

  @Test
  void allReadyButUnmeasuredTimeIsUnknown() {
    assertThat(check(before)).isUnknown();
    assertThat(check(before).summary()).contains("not measured");
  }
}
