package dev.shakedown.fault;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.function.Function;

/**
 * How many candidates a target selection takes, and the seeded choice itself: candidates are sorted by
 * name, shuffled with the scenario's {@link Random}, and the first {@code k} are taken, so the same seed
 * and the same candidates give the same targets.
 */
final class Pick {

  private enum Mode { COUNT, PERCENT, ALL, MINORITY, MAJORITY, HALF }

  private final Mode mode;
  private final int amount;

  private Pick(Mode mode, int amount) {
    this.mode = mode;
    this.amount = amount;
  }

  static Pick count(int n) {
    if (n < 1) {
      throw new TargetException("count must be at least 1, was " + n);
    }
    return new Pick(Mode.COUNT, n);
  }

  static Pick percent(int p) {
    if (p < 0 || p > 100) {
      throw new TargetException("percent must be within 0..100, was " + p);
    }
    return new Pick(Mode.PERCENT, p);
  }

  static Pick all() { return new Pick(Mode.ALL, 0); }

  /** The largest group that is still less than half: {@code (n - 1) / 2}, at least one. */
  static Pick minority() { return new Pick(Mode.MINORITY, 0); }

  /** Half, rounded down: {@code n / 2}, at least one. */
  static Pick half() { return new Pick(Mode.HALF, 0); }

  /** The smallest group that is more than half: {@code n / 2 + 1}. */
  static Pick majority() { return new Pick(Mode.MAJORITY, 0); }

  /** How many of {@code n} candidates this picks; {@code what} describes the candidates for the error. */
  int size(int n, String what) {
    int k = switch (mode) {
      case COUNT -> amount;
      case PERCENT -> (int) Math.ceil(n * amount / 100.0);
      case ALL -> n;
      case MINORITY -> Math.max(1, (n - 1) / 2);
      case MAJORITY -> n / 2 + 1;
      case HALF -> Math.max(1, n / 2);
    };
    if (k > n) {
      throw new TargetException(this + " needs " + k + " " + what + ", but only " + n + " match");
    }
    return k;
  }

  <T> List<T> choose(List<T> candidates, Function<T, String> name, Random random, String what) {
    List<T> sorted = new ArrayList<>(candidates);
    sorted.sort(Comparator.comparing(name));
    int k = size(sorted.size(), what);
    Collections.shuffle(sorted, random);
    List<T> chosen = new ArrayList<>(sorted.subList(0, k));
    chosen.sort(Comparator.comparing(name));
    return chosen;
  }

  @Override
  public String toString() {
    return switch (mode) {
      case COUNT -> amount == 1 ? "one()" : "count(" + amount + ")";
      case PERCENT -> "percent(" + amount + ")";
      case ALL -> "all()";
      case MINORITY -> "minority()";
      case MAJORITY -> "majority()";
      case HALF -> "half()";
    };
  }
}
