package dev.shakedown.check;

import static dev.shakedown.assertj.ShakedownAssertions.assertThat;
import static dev.shakedown.check.Verdict.Status.INVALID;
import static dev.shakedown.check.Verdict.Status.UNKNOWN;
import static dev.shakedown.check.Verdict.Status.VALID;

import dev.shakedown.history.Operation;
import java.util.List;
import org.junit.jupiter.api.Test;

class VerdictTest {

  private static Operation op(long index) {
    return new Operation(index, 0, Operation.Type.FAIL, "write", "v" + index, index, null, "boom");
  }

  @Test
  void worstStatusWins() {
    assertThat(VALID.worst(UNKNOWN)).isEqualTo(UNKNOWN);
    assertThat(UNKNOWN.worst(INVALID)).isEqualTo(INVALID);
    assertThat(INVALID.worst(VALID)).isEqualTo(INVALID);
    assertThat(VALID.worst(VALID)).isEqualTo(VALID);
  }

  @Test
  void builderKeepsCountsDetailsAndAtMostTenOffendingOperations() {
    Verdict.Builder b = Verdict.builder("demo").status(INVALID).count("lost", 2).detail("ratio", 0.5);
    for (int i = 0; i < 25; i++) {
      b.offending(op(i));
    }

    Verdict verdict = b.build();

    assertThat(verdict).isInvalid().hasCount("lost", 2).hasCount("absent", 0).hasDetail("ratio");
    assertThat(verdict.offending()).hasSize(Verdict.MAX_OFFENDING).first().isEqualTo(op(0));
    assertThat(verdict.summary()).isEqualTo("demo INVALID");
    assertThat(verdict.toString()).contains("demo INVALID", "lost=2");
  }

  @Test
  void combiningMergesUnderTheCheckerNameAndKeepsTheParts() {
    Verdict valid = Verdict.builder("a").status(VALID).summary("a is fine").count("ok", 3).build();
    Verdict invalid = Verdict.builder("b").status(INVALID).summary("b lost one").count("lost", 1)
        .detail("lost", List.of("x")).offending(op(7)).build();
    Verdict unknown = Verdict.builder("c").status(UNKNOWN).offending(op(2)).build();

    Verdict all = Verdict.combine("all", List.of(valid, invalid, unknown));

    assertThat(all).isInvalid();
    assertThat(all.part("a")).hasCount("ok", 3);
    assertThat(all.part("b")).hasCount("lost", 1).hasDetail("lost");
    assertThat(all.counts()).as("no string-keyed merge").isEmpty();
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> all.part("z"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("its parts: [a, b, c]");
    assertThat(all.parts()).containsExactly(valid, invalid, unknown);
    assertThat(all.offending()).containsExactly(op(2), op(7));
    assertThat(all.summary()).contains("all INVALID (3 checks)", "a is fine", "b lost one", "c UNKNOWN");
    assertThat(Verdict.combine("all", List.of(valid, unknown))).isUnknown();
    assertThat(Verdict.combine("all", List.of(valid))).isValid();
  }

  @Test
  void theLeavesAreTheSingleCheckersUnderNestedCombinations() {
    Verdict a = Verdict.builder("a").status(VALID).build();
    Verdict b = Verdict.builder("b").status(INVALID).build();
    Verdict c = Verdict.builder("c").status(UNKNOWN).build();
    Verdict nested = Verdict.combine("all", List.of(a, Verdict.combine("inner", List.of(b, c))));

    org.assertj.core.api.Assertions.assertThat(nested.leaves()).containsExactly(a, b, c);
    org.assertj.core.api.Assertions.assertThat(a.leaves()).containsExactly(a);
  }
}
