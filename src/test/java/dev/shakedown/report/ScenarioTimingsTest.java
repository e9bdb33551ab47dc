package dev.shakedown.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shakedown.history.TimelineEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ScenarioTimingsTest {

  static final Instant T0 = Instant.parse("2025-01-01T10:00:00.250Z");

  static TimelineEvent at(long ms, String source, String kind, String subject, Long apiLagMs) {
    Instant recorded = T0.plusMillis(ms);
    return new TimelineEvent(ms * 1_000_000, recorded, apiLagMs == null ? null : recorded.minusMillis(apiLagMs),
        source, kind, subject, "");
  }

  static void phase(List<TimelineEvent> events, String name, long from, long to) {
    events.add(at(from, "phase", "begin", name, null));
    events.add(at(to, "phase", "end", name, null));
  }

  static List<TimelineEvent> scenario() {
    List<TimelineEvent> events = new ArrayList<>();
    events.add(at(0, "scenario", "seed", "namespace/ns", null));
    events.add(new TimelineEvent(1_000_000, T0, T0.minusSeconds(600), "node", "ADDED", "node/w1", "listed"));
    phase(events, "steady", 0, 10_000);
    events.add(at(5_000, "pod", "Ready", "pod/ns/web-a", 300L));
    events.add(at(6_000, "pod", "Ready", "pod/ns/web-b", 1_000L));
    events.add(at(7_000, "pod", "Ready", "pod/ns/web-c", 500L));
    events.add(at(8_000, "event", "Started", "pod/ns/web-c", 40L));
    phase(events, "load", 10_000, 12_000);
    phase(events, "inject", 12_000, 13_000);
    phase(events, "hold", 13_000, 23_000);
    phase(events, "heal", 23_000, 25_000);
    phase(events, "recover", 25_000, 26_000);
    phase(events, "verify", 26_000, 26_100);
    phase(events, "teardown", 26_200, 30_000);
    return events;
  }

  @Test
  void splitsTheWallTimeByPhaseMarks() {
    ScenarioTimings timings = ScenarioTimings.of(scenario());

    assertThat(timings.wall()).isEqualTo(Duration.ofSeconds(30));
    assertThat(timings.part("setup")).isEqualTo(Duration.ofSeconds(12));
    assertThat(timings.part("fault")).isEqualTo(Duration.ofSeconds(11));
    assertThat(timings.part("recovery")).isEqualTo(Duration.ofSeconds(3));
    assertThat(timings.part("verify")).isEqualTo(Duration.ofMillis(100));
    assertThat(timings.part(ScenarioTimings.TEARDOWN)).isEqualTo(Duration.ofMillis(3800));
    assertThat(timings.betweenPhases()).isEqualTo(Duration.ofMillis(100));
    assertThat(timings.harnessOverhead()).as("unknown without the workload's recovery").isNull();
    assertThat(timings.phase("hold")).isEqualTo(Duration.ofSeconds(10));
    assertThat(timings.phase("unknown")).isZero();
  }

  @Test
  void overheadIsWallMinusTheWorkloadsOwnRecovery() {
    ScenarioTimings timings = ScenarioTimings.of(scenario()).workloadRecovery(Duration.ofSeconds(5));
    assertThat(timings.harnessOverhead()).isEqualTo(Duration.ofSeconds(25));
    assertThat(timings.render()).contains("workload recovery       5.0 s").contains("harness overhead       25.0 s");
  }

  @Test
  void lagPerSourceCountsOnlyWhatHappenedWhileRecording() {
    ScenarioTimings timings = ScenarioTimings.of(scenario());

    assertThat(timings.lag()).containsOnlyKeys("event", "pod");
    assertThat(timings.lag().get("pod")).isEqualTo(
        new ScenarioTimings.Lag(3, Duration.ofMillis(500), Duration.ofMillis(1000)));
    assertThat(timings.lag().get("event")).isEqualTo(
        new ScenarioTimings.Lag(1, Duration.ofMillis(40), Duration.ofMillis(40)));
  }

  @Test
  void theMedianOfAnEvenCountIsTheMeanOfTheMiddleTwo() {
    List<TimelineEvent> events = List.of(at(0, "scenario", "seed", "ns", null),
        at(1_000, "pod", "Ready", "a", 100L), at(2_000, "pod", "Ready", "b", 400L));
    assertThat(ScenarioTimings.of(events).lag().get("pod").median()).isEqualTo(Duration.ofMillis(250));
  }

  @Test
  void rendersATableAndCopesWithAnEmptyTimeline() {
    assertThat(ScenarioTimings.of(scenario()).render())
        .contains("wall                   30.0 s   first phase begin -> last phase end")
        .contains("fault                  11.0 s   inject 1.0 + hold 10.0")
        .containsPattern("pod +n=3 +median +500 ms +max +1000 ms");
    ScenarioTimings empty = ScenarioTimings.of(List.of());
    assertThat(empty.wall()).isZero();
    assertThat(empty.render()).contains("(no entries with an API time)");
  }
}
