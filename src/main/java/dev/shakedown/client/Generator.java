package dev.shakedown.client;

/**
 * What a {@link Load} invokes next. Called from the load's one scheduler thread, so it needs no locking.
 * See {@link Generators}.
 */
@FunctionalInterface
public interface Generator {

  /** The next operation for {@code process}, or {@code null} when the generator has run dry (the load then stops). */
  Op next(int process);
}
