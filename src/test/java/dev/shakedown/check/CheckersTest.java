package dev.shakedown.check;

import static dev.shakedown.assertj.ShakedownAssertions.assertThat;
import static dev.shakedown.assertj.ShakedownAssertions.assertThatThrownBy;
import static dev.shakedown.check.HistoryFixture.value;
import static dev.shakedown.history.Operation.Type.OK;

import dev.shakedown.history.History;
import org.junit.jupiter.api.Test;

class CheckersTest {

  private static Checker<Object> fixed(Verdict.Status status) {
    return facts -> Verdict.builder(status.name().toLowerCase()).status(status).count("n", 1).build();
  }

  @Test
  void allIsValidOnlyWhenEveryPartIsValid() {
    Verdict valid = Checkers.all(fixed(Verdict.Status.VALID), fixed(Verdict.Status.VALID)).check("facts");
    assertThat(valid).isValid();
    assertThat(valid.part("valid")).hasCount("n", 1);
    assertThat(Checkers.all(fixed(Verdict.Status.VALID), fixed(Verdict.Status.UNKNOWN)).check("facts")).isUnknown();
    Verdict mixed = Checkers.all(fixed(Verdict.Status.UNKNOWN), fixed(Verdict.Status.INVALID)).check("facts");
    assertThat(mixed).isInvalid();
    assertThat(mixed.part("invalid")).hasCount("n", 1);
    assertThat(mixed.part("unknown")).hasCount("n", 1);
  }

  @Test
  void allOfNothingIsRefusedRatherThanValid() {
    assertThatThrownBy(Checkers::all).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void aCheckerThatThrowsBecomesUnknownWithoutHidingTheOthers() {
    Checker<Object> crashing = facts -> {
      throw new IllegalStateException("bad facts");
    };

    Verdict verdict = Checkers.all(crashing, fixed(Verdict.Status.INVALID)).check("facts");

    assertThat(verdict).isInvalid();
    assertThat(verdict.parts()).extracting(Verdict::status)
        .containsExactly(Verdict.Status.UNKNOWN, Verdict.Status.INVALID);
    assertThat(verdict.parts().get(0).summary()).contains("bad facts");
  }

  @Test
  void checkersOfDifferentFactsComposeThroughOn() {
    HistoryFixture h = new HistoryFixture();
    h.write(0, value(1), OK);
    h.read(1, value(1));
    Checker<Facts> both = Checkers.all(Checkers.noLostWrites().on(Facts::history),
        Checkers.availability(AvailabilityThresholds.none().minSuccessRatio(1.0)));

    Verdict valid = both.check(Facts.of(h.history()));
    assertThat(valid).isValid();
    assertThat(valid.part("no-lost-writes")).hasCount("ok", 1);
    assertThat(valid.part("availability")).hasCount("ok", 2);

    h.write(0, value(2), OK);
    assertThat(both.check(Facts.of(h.history()))).isUnknown(); // no read after the last write
    h.read(1, value(1));
    Verdict lost = both.check(Facts.of(h.history()));
    assertThat(lost).isInvalid();
    assertThat(lost.part("no-lost-writes")).hasCount("lost", 1);
    assertThat(both.check(Facts.of(new History()))).isUnknown();
  }
}
