package dev.shakedown.assertj;

import static dev.shakedown.assertj.ShakedownAssertions.assertThat;
import static dev.shakedown.assertj.ShakedownAssertions.assertThatThrownBy;

import dev.shakedown.check.Verdict;
import dev.shakedown.history.Timeline;
import dev.shakedown.history.History;
import org.junit.jupiter.api.Test;

class ShakedownAssertionsTest {

  private static Verdict verdict(Verdict.Status status) {
    return Verdict.builder("demo").status(status).summary("demo " + status + ": 2 writes lost").count("lost", 2)
        .detail("lost", "w1, w2").build();
  }

  @Test
  void verdictAssertPassesOnTheRightStatusAndFailsWithTheSummary() {
    assertThat(verdict(Verdict.Status.VALID)).isValid();
    assertThat(verdict(Verdict.Status.UNKNOWN)).isUnknown();
    assertThat(verdict(Verdict.Status.INVALID)).isInvalid().hasCount("lost", 2).hasDetail("lost");

    assertThatThrownBy(() -> assertThat(verdict(Verdict.Status.INVALID)).isValid())
        .isInstanceOf(AssertionError.class).hasMessageContaining("demo INVALID: 2 writes lost");
    assertThatThrownBy(() -> assertThat(verdict(Verdict.Status.VALID)).isInvalid())
        .isInstanceOf(AssertionError.class).hasMessageContaining("Expected verdict INVALID but was VALID");
    assertThatThrownBy(() -> assertThat(verdict(Verdict.Status.VALID)).isUnknown())
        .isInstanceOf(AssertionError.class);
    assertThatThrownBy(() -> assertThat(verdict(Verdict.Status.INVALID)).hasCount("lost", 3))
        .isInstanceOf(AssertionError.class).hasMessageContaining("count lost = 3 but was 2");
    assertThatThrownBy(() -> assertThat(verdict(Verdict.Status.INVALID)).hasDetail("corrupt"))
        .isInstanceOf(AssertionError.class).hasMessageContaining("corrupt");
  }

  @Test
  void historyAssertCountsOkFailAndInfo() {
    History history = new History();
    history.invoke(0, "get", null);
    history.ok(0, "get", "1", "web-0");
    history.invoke(0, "get", null);
    history.ok(0, "get", "1", "web-1");

    assertThat(history).isNotEmpty().hasOkOperationsAtLeast(2).hasNoFailures().hasNoIndeterminateOperations();
    assertThatThrownBy(() -> assertThat(history).hasOkOperationsAtLeast(3))
        .isInstanceOf(AssertionError.class).hasMessageContaining("at least 3 OK operations but found 2");

    history.fail(1, "get", null, "connection refused");
    history.info(2, "get", null, "timeout");
    assertThatThrownBy(() -> assertThat(history).hasNoFailures())
        .isInstanceOf(AssertionError.class).hasMessageContaining("connection refused");
    assertThatThrownBy(() -> assertThat(history).hasNoIndeterminateOperations())
        .isInstanceOf(AssertionError.class).hasMessageContaining("timeout");
    assertThatThrownBy(() -> assertThat(new History()).isNotEmpty()).isInstanceOf(AssertionError.class);
  }

  @Test
  void timelineAssertFindsFaultMarksAndEvents() {
    Timeline timeline = new Timeline();
    timeline.markFault("inject", "pod-kill", "db-0");
    timeline.mark("pod", "NotReady").subject("pod/chaos-1/db-0").detail("").record();

    assertThat(timeline).hasFaultMark("inject").hasEvent("pod", "NotReady").hasNoEvent("node", "NotReady");
    assertThatThrownBy(() -> assertThat(timeline).hasFaultMark("heal"))
        .isInstanceOf(AssertionError.class).hasMessageContaining("fault/heal");
    assertThatThrownBy(() -> assertThat(timeline).hasNoEvent("pod", "NotReady"))
        .isInstanceOf(AssertionError.class).hasMessageContaining("pod/chaos-1/db-0");
  }

  @Test
  void plainAssertJStaysAvailableThroughTheSameImport() {
    assertThat(java.util.List.of(1, 2)).containsExactly(1, 2);
    assertThat("chaos").startsWith("ch");
  }
}
