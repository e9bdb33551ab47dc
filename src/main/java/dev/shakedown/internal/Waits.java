package dev.shakedown.internal;

import dev.shakedown.WaitTimeoutException;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.function.Predicate;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;

/**
 * The one way Shakedown waits: Awaitility with an alias and a bound, returning the value that passed, and on timeout
 * a {@link WaitTimeoutException} naming what was awaited, the bound and the last value seen. The only place a
 * {@link ConditionTimeoutException} is caught.
 */
public final class Waits {

  /** The default poll interval. */
  public static final Duration POLL = Duration.ofMillis(500);

  private Waits() {}

  /** {@link #until(String, Duration, Duration, Callable, Predicate, Function)} polling every {@link #POLL}. */
  public static <T> T until(String what, Duration atMost, Callable<T> probe, Predicate<? super T> done) {
    return until(what, atMost, POLL, probe, done, String::valueOf);
  }

  /** {@link #until(String, Duration, Duration, Callable, Predicate, Function)} with the value's own text. */
  public static <T> T until(String what, Duration atMost, Duration poll, Callable<T> probe, Predicate<? super T> done) {
    return until(what, atMost, poll, probe, done, String::valueOf);
  }

  /**
   * Polls {@code probe} until {@code done} holds for its value, and returns that value. An exception thrown by the
   * probe ends the wait at once (it is rethrown by Awaitility).
   *
   * @param describe how the last value is shown in the timeout's message
   * @throws WaitTimeoutException when {@code atMost} passes: "{@code <what>}: not within {@code <atMost>}; last seen:
   *     {@code <describe(last)>}"
   */
  public static <T> T until(String what, Duration atMost, Duration poll, Callable<T> probe, Predicate<? super T> done,
      Function<? super T, String> describe) {
    Objects.requireNonNull(what, "what");
    requirePositive("atMost", atMost);
    AtomicReference<T> last = new AtomicReference<>();
    AtomicReference<Boolean> probed = new AtomicReference<>(false);
    try {
      return Awaitility.await(what).atMost(atMost).pollDelay(Duration.ZERO).pollInterval(poll).until(() -> {
        T value = probe.call();
        last.set(value);
        probed.set(true);
        return value;
      }, done::test);
    } catch (ConditionTimeoutException e) {
      T seen = last.get();
      String shown = probed.get() ? describe.apply(seen) : "nothing (the probe never returned)";
      throw new WaitTimeoutException(what, atMost, seen, what + ": not within " + atMost + "; last seen: " + shown, e);
    }
  }

  /**
   * For waits whose timeout is an outcome, not an error: polls {@code probe} in the calling thread (so an attempt is
   * never interrupted: each must be bounded by its own timeout) until {@code done} holds or {@code atMost} passes, and
   * returns the last value, done or not (null when no attempt finished).
   */
  public static <T> T lastAttempt(String what, Duration atMost, Duration poll, Callable<T> probe,
      Predicate<? super T> done) {
    Objects.requireNonNull(what, "what");
    requirePositive("atMost", atMost);
    AtomicReference<T> last = new AtomicReference<>();
    try {
      return Awaitility.await(what).atMost(atMost).pollInSameThread().pollDelay(Duration.ZERO).pollInterval(poll)
          .until(() -> {
            T value = probe.call();
            last.set(value);
            return value;
          }, done::test);
    } catch (ConditionTimeoutException e) {
      return last.get();
    }
  }

  /** Waits until {@code condition} is true; see {@link #until(String, Duration, Duration, Callable, Predicate)}. */
  public static void untilTrue(String what, Duration atMost, Duration poll, Callable<Boolean> condition) {
    until(what, atMost, poll, condition, Boolean.TRUE::equals);
  }

  /** Keeps the calling thread still for {@code duration} (a hold, not a poll); interruption ends it early. */
  public static void hold(Duration duration) {
    requirePositive("duration", duration);
    try {
      TimeUnit.NANOSECONDS.sleep(duration.toNanos());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static void requirePositive(String name, Duration d) {
    if (d == null || d.isNegative() || d.isZero()) {
      throw new IllegalArgumentException(name + " must be a positive duration, was " + d);
    }
  }
}
