package dev.shakedown.check;

import dev.shakedown.history.History;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** Static factory of Shakedown's checkers and their composition. */
public final class Checkers {

  private Checkers() {}

  /**
   * All of {@code checkers} on the same facts: the worst verdict wins (INVALID over UNKNOWN over VALID),
   * each checker's verdict is kept as a part under its name ({@code verdict.part("availability")}). A checker that throws yields an UNKNOWN
   * part naming the exception, so it never hides the other verdicts.
   *
   * @throws IllegalArgumentException when no checker is given: nothing checked is not VALID
   */
  @SafeVarargs
  public static <T> Checker<T> all(Checker<? super T>... checkers) {
    if (checkers.length == 0) {
      throw new IllegalArgumentException("Checkers.all needs at least one checker");
    }
    List<Checker<? super T>> parts = new ArrayList<>(checkers.length);
    for (Checker<? super T> checker : checkers) {
      parts.add(Objects.requireNonNull(checker, "checker"));
    }
    return facts -> {
      List<Verdict> verdicts = new ArrayList<>(parts.size());
      for (Checker<? super T> checker : parts) {
        verdicts.add(checkSafely(checker, facts));
      }
      return Verdict.combine("all", verdicts);
    };
  }

  private static <T> Verdict checkSafely(Checker<? super T> checker, T facts) {
    try {
      return Objects.requireNonNull(checker.check(facts), "checker returned no verdict");
    } catch (RuntimeException e) {
      return Verdict.builder("crashed-checker").status(Verdict.Status.UNKNOWN)
          .summary("checker " + checker + " UNKNOWN: it threw " + e).detail("exception", e).build();
    }
  }

  /**
   * No acknowledged write is lost: Jepsen set-full semantics, see {@link WriteSetAnalysis} for the exact
   * rules and counts ({@code ok, fail, info, lost, unexpected, corrupt, failed-but-present, info-present,
   * info-absent, duplicated, final-reads}). Use {@link WriteSetAnalysis#of} directly to list lost writes.
   */
  public static Checker<History> noLostWrites() {
    return history -> WriteSetAnalysis.of(history).verdict();
  }

  /**
   * Like {@link #noLostWrites()}, for a restore from a backup taken at {@code cutNanos}
   * ({@link System#nanoTime()}, e.g. the backup's timeline mark): writes acknowledged after the cut may
   * be lost and are reported as {@code lost-after-cut}; losing an earlier one is INVALID.
   */
  public static Checker<History> noLostWritesAcknowledgedBefore(long cutNanos) {
    return history -> WriteSetAnalysis.of(history).verdictAllowingLossAfter(cutNanos);
  }

  /**
   * The side that must not acknowledge did not: no {@code write} invoked at or after {@code fromNanos} and before
   * {@code toNanos} ({@link System#nanoTime()}, e.g. just after a partition is injected and just before it is healed)
   * completed OK before {@code toNanos}. For a client of a minority member of a quorum system: acknowledging there
   * would mean a split brain. Writes that fail or time out are what is expected; a write invoked before the window
   * is not judged (it may have committed before the cut). UNKNOWN when no write was invoked in the window. Counts:
   * {@code attempted, acknowledged, fail, info}; the acknowledged writes are the offending operations.
   *
   * @throws IllegalArgumentException when the window does not end after it begins
   */
  public static Checker<History> noWriteAcknowledgedBetween(long fromNanos, long toNanos) {
    return new QuietWindowChecker(fromNanos, toNanos);
  }

  /**
   * Availability of the service as the clients saw it, judged against {@code thresholds}. Over the
   * completions (OK / FAIL / INFO) of the history, in history order:
   * <ul>
   *   <li><b>success ratio</b> = OK / completed;</li>
   *   <li>an <b>outage</b> is a maximal run of consecutive non-OK completions; its length is the time from
   *       the last OK completion before it (or the first operation of the history) to the first OK
   *       completion after it (or the last completion, if the history ends in the outage);</li>
   *   <li>for each timeline mark with source {@code fault} and kind {@code inject}, the <b>recovery</b> is
   *       the time from the mark to the end of the first outage that is in progress at the mark or starts
   *       after it, and starts before the next inject mark; zero when there is no such outage (the fault
   *       was undisturbing); never when that outage lasts to the end of the history.</li>
   * </ul>
   * A fault that never recovered is INVALID whatever the thresholds; no completion at all is UNKNOWN.
   * Counts: {@code ok, fail, info, completed, outages, faults, unrecovered}; details:
   * {@code success-ratio, longest-outage, slowest-recovery, recoveries} ({@link FaultRecovery} list).
   */
  public static Checker<Facts> availability(AvailabilityThresholds thresholds) {
    return new AvailabilityChecker(Objects.requireNonNull(thresholds, "thresholds"));
  }

  /**
   * A StatefulSet came back whole after a fault: every replica Ready, within {@code bound} (the "after"
   * snapshot's {@link StatefulSetSnapshot#readyAfter()}; UNKNOWN when not measured), the same pod names
   * and ordinals, each pod mounting the same claims bound to the same volumes. Recreated and rescheduled
   * pods and restart counts are reported in the details, not judged.
   */
  public static Checker<BeforeAfter<StatefulSetSnapshot>> statefulSetRecovered(Duration bound) {
    return new StatefulSetRecoveryChecker(bound);
  }

  /**
   * Data written into each replica before the faults reads back the same after them (replica → value, see
   * {@link DataKeptChecker}): catches a replica that kept its name, claim and volume but lost what was on it.
   */
  public static Checker<BeforeAfter<Map<String, String>>> dataKept() {
    return new DataKeptChecker();
  }
}
