package dev.shakedown.check;

import static dev.shakedown.assertj.ShakedownAssertions.assertThat;
import static dev.shakedown.assertj.ShakedownAssertions.assertThatThrownBy;
import static dev.shakedown.history.Operation.Type.FAIL;
import static dev.shakedown.history.Operation.Type.INFO;
import static dev.shakedown.history.Operation.Type.OK;

import dev.shakedown.history.Timeline;
import dev.shakedown.history.TimelineEvent;
import dev.shakedown.history.History;
import dev.shakedown.history.Operation;
import java.time.Duration;
import java.util.List;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.Test;

class AvailabilityTest {

  private static final Duration SECOND = Duration.ofSeconds(1);

  private final Timeline timeline = new Timeline();
  private final HistoryFixture h = new HistoryFixture();

  private Verdict check(AvailabilityThresholds thresholds) {
    return Checkers.availability(thresholds).check(Facts.of(h.history(), timeline));
  }

  /** One request per second from {@code from}: OK unless its second is listed in {@code failing}. */
  private void requestsEverySecond(long from, int count, int... failing) {
    for (int s = 0; s < count; s++) {
      boolean fails = false;
      for (int f : failing) {
        fails |= f == s;
      }
      h.at(from + s * SECOND.toNanos()).request(0, fails ? FAIL : OK);
    }
  }

  @Test
  void allRequestsSucceedingIsValid() {
    requestsEverySecond(0, 20);

    Verdict verdict = check(AvailabilityThresholds.none().minSuccessRatio(0.99).maxOutage(SECOND));

    assertThat(verdict).isValid().hasCount("ok", 20).hasCount("completed", 20).hasCount("outages", 0);
    assertThat(verdict.details()).containsEntry("success-ratio", 1.0).containsEntry("longest-outage", Duration.ZERO)
        .containsEntry("min-success-ratio", 0.99).containsEntry("max-outage", SECOND).containsEntry("max-recovery", null);
  }

  @Test
  void aSuccessRatioBelowTheThresholdIsInvalid() {
    requestsEverySecond(0, 10, 3, 7);

    assertThat(check(AvailabilityThresholds.none().minSuccessRatio(0.8))).isValid();
    Verdict verdict = check(AvailabilityThresholds.none().minSuccessRatio(0.9));
    assertThat(verdict).isInvalid().hasCount("fail", 2);
    assertThat(verdict.details()).containsEntry("success-ratio", 0.8);
    assertThat(verdict.summary()).contains("success ratio 80.00% below 90.00%");
    assertThat(verdict.offending()).extracting(Operation::type).containsOnly(FAIL);
  }

  @Test
  void theLongestOutageSpansFromTheLastOkBeforeToTheFirstOkAfter() {
    // OKs complete at 0..4 s (+1 ms), failures at 5, 6, 7 s (one INFO), OK again at 8 s: outage = 8 s - 4 s
    requestsEverySecond(0, 5);
    h.at(5 * SECOND.toNanos()).request(0, FAIL);
    h.at(6 * SECOND.toNanos()).request(0, INFO);
    h.at(7 * SECOND.toNanos()).request(0, FAIL);
    requestsEverySecond(8 * SECOND.toNanos(), 5);

    Verdict verdict = check(AvailabilityThresholds.none().maxOutage(Duration.ofSeconds(3)));

    assertThat(verdict).isInvalid().hasCount("outages", 1).hasCount("info", 1);
    assertThat(verdict.details()).containsEntry("longest-outage", Duration.ofSeconds(4));
    assertThat(verdict.summary()).contains("longest outage 4000 ms exceeds 3000 ms");
    assertThat(check(AvailabilityThresholds.none().maxOutage(Duration.ofSeconds(5)))).isValid();
  }

  @Test
  void anOutageAtTheStartIsMeasuredFromTheFirstOperation() {
    requestsEverySecond(0, 5, 0, 1, 2);

    assertThat(check(AvailabilityThresholds.none()).details())
        .containsEntry("longest-outage", Duration.ofSeconds(3).plus(HistoryFixture.STEP));
  }

  @Test
  void recoveryRunsFromTheInjectMarkToTheFirstOkAfterTheOutageItCaused() {
    TimelineEvent inject = timeline.markFault("inject", "pod-kill", "web-0");
    TimelineEvent heal = timeline.markFault("heal", "pod-kill", "web-0");
    long t = inject.recordedNanos();
    requestsEverySecond(t - 5 * SECOND.toNanos(), 5);
    requestsEverySecond(t + SECOND.toNanos() / 2, 10, 0, 1, 2, 3, 4, 5); // back at t + 6.5 s

    Verdict verdict = check(AvailabilityThresholds.none().maxRecovery(Duration.ofSeconds(10)));

    Duration recovery = Duration.ofMillis(6501);
    assertThat(verdict).isValid().hasCount("faults", 1).hasCount("unrecovered", 0);
    assertThat(verdict.details()).containsEntry("slowest-recovery", recovery).containsEntry("recoveries",
        List.of(new FaultRecovery("pod-kill", t, Duration.ofNanos(heal.recordedNanos() - t), true, recovery)));
    assertThat(check(AvailabilityThresholds.none().maxRecovery(Duration.ofSeconds(5)))).isInvalid();
  }

  @Test
  void aFailureWithinTheStabilityWindowAfterTheFirstOkReopensTheRecovery() {
    TimelineEvent inject = timeline.markFault("inject", "pod-kill", "web-0");
    long t = inject.recordedNanos();
    requestsEverySecond(t - 5 * SECOND.toNanos(), 5);
    requestsEverySecond(t + SECOND.toNanos() / 2, 12, 0, 1, 2, 5); // OK at t + 3.5 s, fails at 5.5, stably OK from 6.5

    assertThat(check(AvailabilityThresholds.none()).details()).as("default window 5 s")
        .containsEntry("slowest-recovery", Duration.ofMillis(6501)).containsEntry("stable-for", Duration.ofSeconds(5));
    assertThat(check(AvailabilityThresholds.none().stableFor(SECOND)).details()).as("window 1 s")
        .containsEntry("slowest-recovery", Duration.ofMillis(3501));
  }

  @Test
  void aFaultThatCausesNoFailureIsUndisturbedNotARecoveryOfZero() {
    TimelineEvent first = timeline.markFault("inject", "network-delay", "");
    TimelineEvent second = timeline.markFault("inject", "pod-kill", "");
    long t2 = second.recordedNanos();
    requestsEverySecond(first.recordedNanos() - 3 * SECOND.toNanos(), 3);
    requestsEverySecond(t2 + SECOND.toNanos(), 5, 1); // fails at t2 + 2 s, back at t2 + 3 s

    Verdict verdict = check(AvailabilityThresholds.none());
    Object recoveries = verdict.details().get("recoveries");

    assertThat(recoveries).asInstanceOf(InstanceOfAssertFactories.list(FaultRecovery.class)).containsExactly(
        new FaultRecovery("network-delay", first.recordedNanos(), null, false, null),
        new FaultRecovery("pod-kill", t2, null, true, Duration.ofSeconds(3).plus(HistoryFixture.STEP)));
    assertThat(verdict.summary()).contains("slowest recovery 3", "(1 undisturbed)");
  }

  @Test
  void faultsThatDisturbNothingAreReportedUndisturbedNotAsZeroMilliseconds() {
    timeline.markFault("inject", "pod-kill", "");
    requestsEverySecond(timeline.snapshot().get(0).recordedNanos() + SECOND.toNanos(), 4);

    assertThat(check(AvailabilityThresholds.none()).summary()).endsWith("no outage, 1 fault(s), every fault undisturbed")
        .doesNotContain("0 ms");
  }

  @Test
  void anOutageThatEndedBeforeTheInjectIsNotItsRecovery() {
    TimelineEvent inject = timeline.markFault("inject", "pod-kill", "db-0");
    requestsEverySecond(inject.recordedNanos() - 5 * SECOND.toNanos(), 10, 1); // fails 4 s before the mark

    Verdict verdict = check(AvailabilityThresholds.none().maxRecovery(Duration.ZERO));

    assertThat(verdict).isValid().hasCount("outages", 1).hasCount("faults", 1);
    assertThat(verdict.details()).containsEntry("recoveries",
        List.of(new FaultRecovery("pod-kill", inject.recordedNanos(), null, false, null)));
  }

  @Test
  void aFaultAfterWhichNothingSucceedsAgainIsInvalidWhateverTheThresholds() {
    TimelineEvent inject = timeline.markFault("inject", "node-stop", "worker-2");
    requestsEverySecond(inject.recordedNanos() - 3 * SECOND.toNanos(), 3);
    requestsEverySecond(inject.recordedNanos() + SECOND.toNanos(), 3, 0, 1, 2);

    Verdict verdict = check(AvailabilityThresholds.none());

    assertThat(verdict).isInvalid().hasCount("unrecovered", 1);
    assertThat(verdict.summary()).contains("never recovered");
    assertThat(verdict.offending()).isNotEmpty();
  }

  @Test
  void noCompletedOperationIsUnknown() {
    assertThat(Checkers.availability(AvailabilityThresholds.none()).check(Facts.of(new History())))
        .isUnknown().hasCount("completed", 0);
  }

  @Test
  void thresholdsAreImmutableAndValidated() {
    AvailabilityThresholds base = AvailabilityThresholds.none();
    AvailabilityThresholds strict = base.minSuccessRatio(0.95).maxOutage(SECOND).maxRecovery(SECOND);

    assertThat(base).isEqualTo(new AvailabilityThresholds(0, null, null, Duration.ofSeconds(5), null));
    assertThat(strict).isEqualTo(new AvailabilityThresholds(0.95, SECOND, SECOND));
    assertThatThrownBy(() -> base.minSuccessRatio(1.5)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> base.maxOutage(SECOND.negated())).isInstanceOf(IllegalArgumentException.class);
  }

  private void okTaking(int process, long completedNanos, Duration latency) {
    h.at(completedNanos - latency.toNanos()).op(process, Operation.Type.INVOKE, "get", null);
    h.at(completedNanos).op(process, OK, "get", null);
  }

  @Test
  void anOkSlowerThanMaxLatencyIsDegradedNotASuccess() {
    for (int i = 0; i < 9; i++) {
      okTaking(0, (i + 1) * SECOND.toNanos(), Duration.ofMillis(20));
    }
    okTaking(0, 10 * SECOND.toNanos(), Duration.ofMillis(800));

    assertThat(check(AvailabilityThresholds.none().minSuccessRatio(0.95))).as("no latency bound").isValid()
        .hasCount("slow", 0);
    Verdict verdict = check(AvailabilityThresholds.none().minSuccessRatio(0.95).maxLatency(Duration.ofMillis(500)));
    assertThat(verdict).isInvalid().hasCount("slow", 1).hasCount("ok", 10);
    assertThat(verdict.details()).containsEntry("success-ratio", 0.9);
    assertThat(verdict.summary()).contains("1 OK slower than 500 ms counted as degraded");
  }

  @Test
  void latencyP50AndP99AreReportedOverallAndPerPhase() {
    TimelineEvent loadBegin = timeline.mark("phase", "begin").subject("load").record();
    TimelineEvent loadEnd = timeline.mark("phase", "end").subject("load").record();
    TimelineEvent injectBegin = timeline.mark("phase", "begin").subject("inject").record();
    TimelineEvent injectEnd = timeline.mark("phase", "end").subject("inject").record();
    long inLoad = (loadBegin.recordedNanos() + loadEnd.recordedNanos()) / 2;
    long inInject = (injectBegin.recordedNanos() + injectEnd.recordedNanos()) / 2;
    for (int p = 0; p < 4; p++) {
      okTaking(p, inLoad, Duration.ofMillis(10 + p));
    }
    okTaking(10, inInject, Duration.ofMillis(900));
    okTaking(11, inInject, Duration.ofMillis(100));

    Verdict verdict = check(AvailabilityThresholds.none());

    @SuppressWarnings("unchecked")
    java.util.Map<String, Latencies.Summary> byPhase =
        (java.util.Map<String, Latencies.Summary>) verdict.details().get("latency-by-phase");
    assertThat(byPhase).containsOnlyKeys("load", "inject");
    assertThat(byPhase.get("load")).isEqualTo(new Latencies.Summary(4, Duration.ofMillis(11), Duration.ofMillis(13),
        Duration.ofMillis(13)));
    assertThat(byPhase.get("inject").p99()).isEqualTo(Duration.ofMillis(900));
    assertThat(byPhase.get("inject").p50()).isEqualTo(Duration.ofMillis(100));
    assertThat(verdict.details().get("latency")).hasToString("n=6 p50=12 ms p99=900 ms max=900 ms");
  }
}
