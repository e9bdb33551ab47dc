package dev.shakedown.check;

import java.util.Objects;

/** Two observations of the same thing, taken before a fault and after recovery. */
public record BeforeAfter<T>(T before, T after) {

  public BeforeAfter {
    Objects.requireNonNull(before, "before");
    Objects.requireNonNull(after, "after");
  }

  public static <T> BeforeAfter<T> of(T before, T after) {
    return new BeforeAfter<>(before, after);
  }
}
