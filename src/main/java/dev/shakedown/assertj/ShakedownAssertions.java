package dev.shakedown.assertj;

import dev.shakedown.check.Verdict;
import dev.shakedown.history.Timeline;
import dev.shakedown.history.History;
import org.assertj.core.api.Assertions;

/**
 * Entry point of Shakedown's assertions. It extends AssertJ's {@link Assertions}, so one static import
 * ({@code import static dev.shakedown.assertj.ShakedownAssertions.assertThat;}) serves both AssertJ's and
 * Shakedown's {@code assertThat}.
 */
public class ShakedownAssertions extends Assertions {

  protected ShakedownAssertions() {}

  // --- facts and verdicts (check, workload, observe) ---

  /** Asserts on a checker's verdict; a failure message is the verdict's summary. */
  public static VerdictAssert assertThat(Verdict actual) {
    return new VerdictAssert(actual);
  }

  public static HistoryAssert assertThat(History actual) {
    return new HistoryAssert(actual);
  }

  public static TimelineAssert assertThat(Timeline actual) {
    return new TimelineAssert(actual);
  }

  // --- cluster objects: Pods, StatefulSets, Nodes ---
  // Entry points for fabric8 objects (PodAssert, StatefulSetAssert, NodeAssert) go here, one line each,
  // with their AbstractAssert classes beside this one in dev.shakedown.assertj.
}
