package dev.shakedown.check;

import java.time.Duration;

/**
 * Immutable bounds for {@link Checkers#availability}: each setter returns a new instance, so a shared
 * base can be refined per scenario. A {@code null} duration means unbounded.
 *
 * <pre>{@code AvailabilityThresholds.none().minSuccessRatio(0.95).maxOutage(Duration.ofSeconds(10))}</pre>
 *
 * @param minSuccessRatio lowest acceptable OK / completed ratio, in [0, 1]
 * @param maxOutage longest acceptable outage, or {@code null}
 * @param maxRecovery longest acceptable recovery after any fault inject mark, or {@code null}
 * @param stableFor how long the service must keep answering OK for a recovery to count as done: a failure within
 *     this window after the first OK reopens the recovery (default {@link #DEFAULT_STABLE_FOR})
 * @param maxLatency slowest acceptable OK, or {@code null}: a slower OK counts as degraded (in the count {@code slow}),
 *     not as a success, in the success ratio
 */
public record AvailabilityThresholds(double minSuccessRatio, Duration maxOutage, Duration maxRecovery,
    Duration stableFor, Duration maxLatency) {

  /** The default stability window of a recovery. */
  public static final Duration DEFAULT_STABLE_FOR = Duration.ofSeconds(5);

  public AvailabilityThresholds(double minSuccessRatio, Duration maxOutage, Duration maxRecovery) {
    this(minSuccessRatio, maxOutage, maxRecovery, DEFAULT_STABLE_FOR, null);
  }

  public AvailabilityThresholds {
    java.util.Objects.requireNonNull(stableFor, "stableFor");
    requireNonNegative("stableFor", stableFor);
    requireNonNegative("maxLatency", maxLatency);
    if (!(minSuccessRatio >= 0 && minSuccessRatio <= 1)) {
      throw new IllegalArgumentException("minSuccessRatio must be within [0, 1]: " + minSuccessRatio);
    }
    requireNonNegative("maxOutage", maxOutage);
    requireNonNegative("maxRecovery", maxRecovery);
  }

  /** No bounds: the checker only measures (and still fails a fault that never recovered). */
  public static AvailabilityThresholds none() {
    return new AvailabilityThresholds(0, null, null);
  }

  public AvailabilityThresholds minSuccessRatio(double ratio) {
    return new AvailabilityThresholds(ratio, maxOutage, maxRecovery, stableFor, maxLatency);
  }

  public AvailabilityThresholds maxOutage(Duration bound) {
    return new AvailabilityThresholds(minSuccessRatio, bound, maxRecovery, stableFor, maxLatency);
  }

  public AvailabilityThresholds maxRecovery(Duration bound) {
    return new AvailabilityThresholds(minSuccessRatio, maxOutage, bound, stableFor, maxLatency);
  }

  /** The stability window of a recovery (see the record's {@code stableFor}). */
  public AvailabilityThresholds stableFor(Duration window) {
    return new AvailabilityThresholds(minSuccessRatio, maxOutage, maxRecovery, window, maxLatency);
  }

  /** The slowest acceptable OK (see the record's {@code maxLatency}). */
  public AvailabilityThresholds maxLatency(Duration bound) {
    return new AvailabilityThresholds(minSuccessRatio, maxOutage, maxRecovery, stableFor, bound);
  }

  private static void requireNonNegative(String name, Duration d) {
    if (d != null && d.isNegative()) {
      throw new IllegalArgumentException(name + " must not be negative: " + d);
    }
  }
}
