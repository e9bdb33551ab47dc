package dev.shakedown.check;

import java.util.Objects;
import java.util.function.Function;

/**
 * Judges recorded facts (a history, a timeline, snapshots) and returns a {@link Verdict}. A checker only
 * reads: the same facts always give the same verdict, so it can be tested without a cluster.
 *
 * @param <T> the kind of facts it judges
 */
@FunctionalInterface
public interface Checker<T> {

  Verdict check(T facts);

  /**
   * This checker applied to a part of larger facts, e.g. {@code noLostWrites().on(Facts::history)}, so
   * checkers of different inputs compose with {@link Checkers#all}.
   */
  default <U> Checker<U> on(Function<? super U, ? extends T> part) {
    Objects.requireNonNull(part, "part");
    return facts -> check(part.apply(facts));
  }
}
