package dev.shakedown.check;

import java.time.Duration;

/**
 * How the service fared after one fault inject mark, as measured by {@link Checkers#availability}.
 *
 * @param fault the subject of the inject mark, e.g. {@code pod-kill}
 * @param injectNanos {@link System#nanoTime()} of the inject mark
 * @param healedAfter time from inject to the first heal mark of the same fault, or {@code null} if none
 * @param disturbed whether any operation failed because of it (see {@link Checkers#availability})
 * @param recovery time from inject until the service was stably back: the first OK after which no failure followed
 *     within the stability window; {@code null} when undisturbed (nothing to recover from) or when the service never
 *     recovered before the history ended
 */
public record FaultRecovery(String fault, long injectNanos, Duration healedAfter, boolean disturbed,
    Duration recovery) {

  /** Whether the service came back (an undisturbed fault counts as recovered). */
  public boolean recovered() {
    return !disturbed || recovery != null;
  }

  @Override
  public String toString() {
    return fault + ": " + (!recovered() ? "never recovered" : disturbed ? "recovered in " + recovery.toMillis() + " ms"
        : "undisturbed");
  }
}
