package dev.shakedown.check;

import static dev.shakedown.assertj.ShakedownAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.shakedown.history.Operation.Type;
import org.junit.jupiter.api.Test;

class NoWriteAcknowledgedBetweenTest {

  private static final long FROM = 1_000_000_000L;
  private static final long TO = 2_000_000_000L;

  @Test
  void writesThatTimeOutOrFailInsideTheWindowAreValidAndThoseAroundItAreNotJudged() {
    HistoryFixture h = new HistoryFixture();
    h.write(0, HistoryFixture.value(1), Type.OK);
    h.at(FROM);
    h.write(0, HistoryFixture.value(2), Type.INFO);
    h.write(1, HistoryFixture.value(3), Type.FAIL);
    h.at(TO);
    h.write(0, HistoryFixture.value(4), Type.OK);

    assertThat(Checkers.noWriteAcknowledgedBetween(FROM, TO).check(h.history())).isValid()
        .hasCount("attempted", 2).hasCount("acknowledged", 0).hasCount("info", 1).hasCount("fail", 1);
  }

  @Test
  void aWriteAcknowledgedInsideTheWindowIsInvalidAndNamed() {
    HistoryFixture h = new HistoryFixture();
    h.at(FROM + 5);
    h.write(0, HistoryFixture.value(2), Type.INFO);
    h.write(1, HistoryFixture.value(3), Type.OK);

    assertThat(Checkers.noWriteAcknowledgedBetween(FROM, TO).check(h.history())).isInvalid()
        .hasCount("acknowledged", 1);
    org.assertj.core.api.Assertions.assertThat(Checkers.noWriteAcknowledgedBetween(FROM, TO).check(h.history()).summary())
        .contains("1 of 2 writes");
  }

  @Test
  void aWriteInvokedBeforeTheWindowThatCompletesInItIsNotJudged() {
    HistoryFixture h = new HistoryFixture();
    h.at(FROM - 1);
    h.op(0, Type.INVOKE, "write", HistoryFixture.value(1));
    h.at(FROM + 10);
    h.op(0, Type.OK, "write", HistoryFixture.value(1));
    h.write(1, HistoryFixture.value(2), Type.INFO);

    assertThat(Checkers.noWriteAcknowledgedBetween(FROM, TO).check(h.history())).isValid().hasCount("attempted", 1);
  }

  @Test
  void noWriteInTheWindowIsUnknownAndAnEmptyWindowIsRefused() {
    HistoryFixture h = new HistoryFixture();
    h.write(0, HistoryFixture.value(1), Type.OK);

    assertThat(Checkers.noWriteAcknowledgedBetween(FROM, TO).check(h.history())).isUnknown();
    assertThatThrownBy(() -> Checkers.noWriteAcknowledgedBetween(TO, FROM))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("must end after it begins");
  }
}
