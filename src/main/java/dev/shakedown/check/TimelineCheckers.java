package dev.shakedown.check;

import dev.shakedown.history.Timeline;

/**
 * Checkers that judge a {@link Timeline} alone. Compose them with history checkers through
 * {@link Checker#on}: {@code Checkers.all(Checkers.availability(t), TimelineCheckers.faultsHealed().on(Facts::timeline))}.
 */
public final class TimelineCheckers {

  private TimelineCheckers() {}

  /**
   * At no time during the scenario were fewer than {@code minReady} of the pods whose subject starts with
   * {@code podPrefix} Ready ({@link ReadyPods}); e.g. a PodDisruptionBudget's {@code minAvailable} was respected.
   * "During the scenario" is from the end of the {@code steady} phase to the begin of {@code verify} (or the
   * last entry); without a {@code steady} phase mark the verdict is UNKNOWN. Counts: {@code min-ready,
   * min-available, changes}; details: {@code lowest-at, lowest-cause, time-below}.
   */
  public static Checker<Timeline> minReady(String podPrefix, int minReady) {
    return new MinReadyChecker(podPrefix, minReady);
  }

  /**
   * Every fault inject mark is followed by a heal mark of the same fault that did not fail. Counts:
   * {@code injected, healed, unhealed, failed-heals}; details: {@code heals} (one line per fault).
   */
  public static Checker<Timeline> faultsHealed() {
    return new FaultsHealedChecker();
  }

  /**
   * Every pod found a node within {@code bound}: the capacity verdict of a node maintenance. A wait runs from a
   * pod's first mark without a node (ADDED with none, or {@code Unschedulable}) to its {@code Scheduled} mark (or
   * {@code DELETED}); one still open at the last entry counts to there. A pod that waits for its own node because
   * its volume lives there (the scheduler's last FailedScheduling event says {@value PlacementChecker#VOLUME_PINNED},
   * and no node lacked resources) may wait until that node is uncordoned plus {@code bound}. The summary names each
   * late pod, how long it waited and the scheduler's reason. Counts: {@code waits, waited-for-their-node, late};
   * details: {@code longest-wait, late}.
   *
   * @throws IllegalArgumentException when {@code bound} is not positive
   */
  public static Checker<Timeline> podsPlacedWithin(java.time.Duration bound) {
    return new PlacementChecker(bound);
  }
}
