package dev.shakedown.check;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shakedown.history.TimelineEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReadyPodsTest {

  static final String PODS = "pod/ns/web-";

  static TimelineEvent at(long ms, String source, String kind, String subject) {
    return new TimelineEvent(ms * 1_000_000, Instant.EPOCH.plusMillis(ms), null, source, kind, subject, "");
  }

  static long ms(long ms) {
    return ms * 1_000_000;
  }

  /** 3 pods Ready by 300 ms; web-a killed at 1 s and replaced at 3 s; web-b unready 5 s..5.5 s. */
  static final List<TimelineEvent> EVENTS = List.of(
      at(0, "phase", "begin", "steady"),
      at(100, "pod", "Ready", PODS + "a"), at(200, "pod", "Ready", PODS + "b"), at(300, "pod", "Ready", PODS + "c"),
      at(400, "phase", "end", "steady"),
      at(1000, "pod", "Terminating", PODS + "a"), at(1100, "pod", "DELETED", PODS + "a"),
      at(2000, "event", "Killing", PODS + "a"),
      at(3000, "pod", "Ready", PODS + "d"),
      at(4000, "pod", "Ready", "pod/ns/webx-1"),
      at(5000, "pod", "NotReady", PODS + "b"), at(5500, "pod", "Ready", PODS + "b"),
      at(6000, "phase", "begin", "verify"),
      at(7000, "pod", "Terminating", PODS + "b"));

  final ReadyPods pods = ReadyPods.of(EVENTS, PODS);

  @Test
  void replaysTheReadyCountOfMatchingPodsOnly() {
    assertThat(pods.steps()).extracting(ReadyPods.Step::ready).containsExactly(1, 2, 3, 2, 3, 2, 3, 2);
    assertThat(pods.readyAt(ms(2000))).isEqualTo(2);
    assertThat(pods.readyAt(ms(4500))).isEqualTo(3);
    assertThat(pods.readyAt(ms(50))).isZero();
  }

  @Test
  void theLowestCountNamesItsCause() {
    ReadyPods.Step lowest = pods.min(ms(400), ms(6000));
    assertThat(lowest.ready()).isEqualTo(2);
    assertThat(lowest.nanos()).isEqualTo(ms(1000));
    assertThat(lowest.cause().subject()).isEqualTo(PODS + "a");
    assertThat(lowest.cause().kind()).isEqualTo("Terminating");
    assertThat(pods.min(ms(3500), ms(4500)).cause()).as("no change in the window").isNull();
  }

  @Test
  void timeBelowACountAddsUpTheGaps() {
    assertThat(pods.timeBelow(3, ms(400), ms(6000))).isEqualTo(Duration.ofMillis(2000 + 500));
    assertThat(pods.timeBelow(3, ms(2000), ms(5200))).as("starts below, ends below").isEqualTo(Duration.ofMillis(1200));
    assertThat(pods.timeBelow(2, ms(400), ms(6000))).isZero();
  }

  @Test
  void longestBelowACountIsTheWorstSingleGap() {
    assertThat(pods.longestBelow(3, ms(400), ms(6000))).isEqualTo(Duration.ofMillis(2000));
    assertThat(pods.longestBelow(3, ms(2000), ms(5200))).as("starts below").isEqualTo(Duration.ofMillis(1000));
    assertThat(pods.longestBelow(3, ms(4500), ms(5200))).as("ends below").isEqualTo(Duration.ofMillis(200));
    assertThat(pods.longestBelow(2, ms(400), ms(6000))).isZero();
  }

  @Test
  void longestBelowOverTheScenarioStartsAtTheFirstFault() {
    List<TimelineEvent> events = List.of(
        at(0, "phase", "begin", "steady"), at(100, "phase", "end", "steady"),
        at(200, "phase", "begin", "steady"), at(5_000, "pod", "Ready", PODS + "a"),   // start-up: 4.9 s below
        at(5_100, "phase", "end", "steady"),
        at(6_000, "phase", "begin", "inject"), at(6_500, "pod", "NotReady", PODS + "a"),
        at(8_000, "pod", "Ready", PODS + "a"), at(9_000, "phase", "begin", "verify"));
    assertThat(ReadyPods.of(events, PODS).longestBelow(events, 1)).isEqualTo(Duration.ofMillis(1_500));
    assertThat(ReadyPods.of(EVENTS, PODS).longestBelow(EVENTS, 3)).as("no fault").isZero();
  }

  @Test
  void recoveredAtIsTheLastReturnToTheCount() {
    assertThat(pods.recoveredAt(3, ms(900), ms(6000))).isEqualTo(ms(5500));
    assertThat(pods.recoveredAt(3, ms(5600), ms(6000))).as("never below").isEqualTo(ms(5600));
    assertThat(pods.recoveredAt(3, ms(900), ms(2000))).as("still below").isNull();
  }

  @Test
  void theScenarioWindowRunsFromSteadyToVerify() {
    assertThat(ReadyPods.Window.scenario(EVENTS)).contains(new ReadyPods.Window(ms(400), ms(6000)));
    assertThat(ReadyPods.Window.scenario(EVENTS.subList(5, EVENTS.size()))).isEmpty();
    assertThat(ReadyPods.Window.scenario(EVENTS.subList(0, 6)))
        .as("no verify yet: up to the last entry").contains(new ReadyPods.Window(ms(400), ms(1000)));
    assertThat(ReadyPods.prefix("ns", "web")).isEqualTo(PODS);
  }

  @Test
  void recoveryPerFaultRunsFromItsInjectPhaseUntilAllAreReadyAgain() {
    List<TimelineEvent> events = new java.util.ArrayList<>(EVENTS);
    events.add(4, at(900, "phase", "begin", "inject"));
    events.add(at(4500, "phase", "begin", "inject"));
    events.sort(java.util.Comparator.comparingLong(TimelineEvent::recordedNanos));

    assertThat(ReadyPods.of(events, PODS).recoveries(events, 3))
        .containsExactly(Duration.ofMillis(3000 - 900), Duration.ofMillis(5500 - 4500));
    assertThat(ReadyPods.of(events, PODS).recoveries(events, 4)).as("never 4 Ready").containsExactly(null, null);
    assertThat(ReadyPods.of(EVENTS, PODS).recoveries(EVENTS, 3)).as("no inject phase").isEmpty();
  }
}
