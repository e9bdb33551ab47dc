package dev.shakedown.check;

import static dev.shakedown.assertj.ShakedownAssertions.assertThat;
import static dev.shakedown.check.HistoryFixture.value;
import static dev.shakedown.history.Operation.Type.FAIL;
import static dev.shakedown.history.Operation.Type.INFO;
import static dev.shakedown.history.Operation.Type.INVOKE;
import static dev.shakedown.history.Operation.Type.OK;

import dev.shakedown.history.History;
import dev.shakedown.history.Operation;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.Test;

class NoLostWritesTest {

  private final HistoryFixture h = new HistoryFixture();

  private Verdict check() {
    return Checkers.noLostWrites().check(h.history());
  }

  @Test
  void everyAcknowledgedWriteReadBackIsValid() {
    h.write(0, value(1), OK);
    h.write(1, value(2), OK);
    h.write(0, value(3), OK);
    h.read(2, value(3), value(1), value(2));

    assertThat(check()).isValid().hasCount("ok", 3).hasCount("lost", 0).hasCount("final-reads", 1);
    assertThat(check().summary()).contains("all 3 acknowledged writes present");
  }

  @Test
  void anAcknowledgedWriteMissingFromTheFinalReadIsLost() {
    h.write(0, value(1), OK);
    Operation ack = h.write(1, value(2), OK);
    h.read(2, value(1));

    Verdict verdict = check();

    assertThat(verdict).isInvalid().hasCount("lost", 1).hasCount("ok", 2);
    assertThat(verdict.offending()).containsExactly(ack);
    assertThat(verdict.details().get("lost")).asInstanceOf(InstanceOfAssertFactories.LIST).singleElement()
        .isEqualTo(new AcknowledgedWrite(value(2), ack, HistoryFixture.STEP.multipliedBy(3)));
    assertThat(verdict.summary()).contains("1 of 2 acknowledged writes lost", value(2), "op #3");
    assertThat(verdict.details()).containsEntry("first-lost-acknowledged-nanos", ack.nanos());
  }

  @Test
  void aValueNeverWrittenIsUnexpected() {
    h.write(0, value(1), OK);
    Operation read = h.read(2, value(1), value(99));

    assertThat(check()).isInvalid().hasCount("unexpected", 1).hasCount("lost", 0);
    assertThat(check().offending()).containsExactly(read);
    assertThat(WriteSetAnalysis.of(h.history()).unexpectedValues()).containsExactly(value(99));
  }

  @Test
  void aValueFailingItsChecksumIsCorruptAndItsWriteIsLost() {
    h.write(0, value(1), OK);
    h.write(0, value(2), OK);
    String corrupted = value(2).replace("payload", "pay1oad");
    h.read(2, value(1), corrupted);

    assertThat(check()).isInvalid().hasCount("corrupt", 1).hasCount("lost", 1).hasCount("unexpected", 0);
    assertThat(WriteSetAnalysis.of(h.history()).corruptValues()).containsExactly(corrupted);
  }

  @Test
  void aFailedWriteThatIsPresentAnywayIsInvalid() {
    h.write(0, value(1), OK);
    Operation failed = h.write(0, value(2), FAIL);
    h.read(2, value(1), value(2));

    assertThat(check()).isInvalid().hasCount("failed-but-present", 1).hasCount("fail", 1);
    assertThat(check().offending()).containsExactly(failed);
  }

  @Test
  void aFailedWriteThatIsAbsentIsFine() {
    h.write(0, value(1), OK);
    h.write(0, value(2), FAIL);
    h.read(2, value(1));

    assertThat(check()).isValid().hasCount("fail", 1).hasCount("failed-but-present", 0);
  }

  @Test
  void indeterminateWritesMayGoEitherWayAndAreCounted() {
    h.write(4, value(0), OK);
    h.write(0, value(1), INFO);
    h.write(1, value(2), INFO);
    h.op(3, INVOKE, "write", value(3)); // never completed: the client crashed
    h.read(2, value(0), value(1));

    assertThat(check()).isValid().hasCount("info", 3).hasCount("info-present", 1).hasCount("info-absent", 2);
  }

  @Test
  void anIndeterminateWriteSeenInOneFinalReadAndGoneFromALaterOneIsLost() {
    h.write(0, value(1), OK);
    h.write(1, value(2), INFO);
    Operation saw = h.read(2, value(1), value(2));
    h.read(2, value(1));

    Verdict verdict = check();

    assertThat(verdict).isInvalid().hasCount("lost", 1).hasCount("info", 1);
    assertThat(WriteSetAnalysis.of(h.history()).lostWrites()).singleElement()
        .satisfies(w -> org.assertj.core.api.Assertions.assertThat(w.value()).isEqualTo(value(2)))
        .satisfies(w -> org.assertj.core.api.Assertions.assertThat(w.acknowledgement()).isEqualTo(saw));
    assertThat(verdict.summary()).contains("seen in a final read, then gone", value(2));
  }

  @Test
  void writesWithNoneAcknowledgedAreUnknownNotValid() {
    h.write(0, value(1), INFO);
    h.write(1, value(2), FAIL);
    h.read(2, value(1));

    assertThat(check()).isUnknown().hasCount("ok", 0).hasCount("info", 1).hasCount("fail", 1);
    assertThat(check().summary()).contains("no write was acknowledged");
  }

  @Test
  void aWriteWhoseProcessMovedOnWithoutCompletingItIsIndeterminateNotUnexpected() {
    h.op(0, INVOKE, "write", value(1)); // the client crashed; process 0 is reused
    h.write(0, value(2), OK);
    h.read(2, value(1), value(2));

    assertThat(check()).isValid().hasCount("info", 1).hasCount("info-present", 1).hasCount("unexpected", 0);
  }

  @Test
  void anyProcessIdWorks() {
    h.write(5_000, value(1), OK);
    h.op(-7, INVOKE, "write", value(2));
    h.read(1_000_000, value(1), value(2));

    assertThat(check()).isValid().hasCount("ok", 1).hasCount("info-present", 1);
    h.read(1_000_000, value(2));
    assertThat(check()).isInvalid().hasCount("lost", 1);
  }

  @Test
  void aValueTwiceInOneReadIsDuplicated() {
    h.write(0, value(1), OK);
    h.read(2, value(1), value(1));

    assertThat(check()).isInvalid().hasCount("duplicated", 1).hasCount("lost", 0);
  }

  @Test
  void emptyHistoryIsUnknownNeverValid() {
    assertThat(Checkers.noLostWrites().check(new History())).isUnknown();
    assertThat(Checkers.noLostWrites().check(new History()).summary()).contains("no writes");
  }

  @Test
  void writesWithoutAnySuccessfulReadAreUnknown() {
    h.write(0, value(1), OK);
    h.op(2, INVOKE, "read", null);
    h.op(2, FAIL, "read", null);

    assertThat(check()).isUnknown().hasCount("final-reads", 0);
    assertThat(check().summary()).contains("no successful read");
  }

  @Test
  void readsConcurrentWithWritesAreNotFinalReads() {
    h.op(2, INVOKE, "read", null);
    h.write(0, value(1), OK); // acknowledged while the read is in flight
    h.op(2, OK, "read", "");

    assertThat(check()).isUnknown();
    assertThat(check().summary()).contains("after the last write");

    h.read(2, value(1));
    assertThat(check()).isValid().hasCount("final-reads", 1);
  }

  @Test
  void everyFinalReadMustHoldEveryAcknowledgedWrite() {
    h.write(0, value(1), OK);
    h.write(0, value(2), OK);
    h.read(2, value(1), value(2)); // replica a
    h.read(3, value(1)); // replica b lost a write

    assertThat(check()).isInvalid().hasCount("lost", 1).hasCount("final-reads", 2);
  }

  @Test
  void aCompletionWithoutValueTakesTheValueOfItsInvocation() {
    h.op(0, INVOKE, "write", value(1));
    h.op(0, OK, "write", null);
    h.read(2);

    assertThat(check()).isInvalid().hasCount("lost", 1);
  }

  @Test
  void lostWritesAcknowledgedAfterABackupCutAreTheLossWindow() {
    h.write(0, value(1), OK);
    long cut = h.now();
    Operation afterCut = h.write(0, value(2), OK);
    h.write(0, value(3), OK);
    h.read(2, value(1), value(3));

    WriteSetAnalysis analysis = WriteSetAnalysis.of(h.history());
    assertThat(analysis.lostWritesAfter(cut)).extracting(AcknowledgedWrite::acknowledgement).containsExactly(afterCut);
    assertThat(Checkers.noLostWritesAcknowledgedBefore(cut).check(h.history()))
        .isValid().hasCount("lost", 1).hasCount("lost-after-cut", 1).hasDetail("lost-after-cut");
    assertThat(Checkers.noLostWrites().check(h.history())).isInvalid();
  }

  @Test
  void losingAWriteAcknowledgedBeforeTheCutIsStillInvalid() {
    Operation beforeCut = h.write(0, value(1), OK);
    long cut = h.now();
    h.write(0, value(2), OK);
    h.read(2, value(2));

    Verdict verdict = Checkers.noLostWritesAcknowledgedBefore(cut).check(h.history());

    assertThat(verdict).isInvalid().hasCount("lost", 1).hasCount("lost-after-cut", 0);
    assertThat(verdict.offending()).containsExactly(beforeCut);
  }

  @Test
  void keepsOnlyTheFirstOffendingOperations() {
    for (int i = 0; i < 50; i++) {
      h.write(i % 4, value(i), OK);
    }
    h.read(9);

    Verdict verdict = check();

    assertThat(verdict).isInvalid().hasCount("lost", 50);
    assertThat(verdict.offending()).hasSize(Verdict.MAX_OFFENDING).isSortedAccordingTo(
        (a, b) -> Long.compare(a.index(), b.index()));
    assertThat(verdict.details().get("lost")).asInstanceOf(InstanceOfAssertFactories.LIST).hasSize(Verdict.MAX_OFFENDING);
  }
}
