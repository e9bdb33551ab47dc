package dev.shakedown.fault;

import dev.shakedown.cluster.Scope;

/**
 * Something that goes wrong on purpose. {@link #inject(Scope)} chooses its targets from the
 * scenario's seeded random source, breaks them, marks the timeline, and returns a handle that heals on
 * {@code close()}; the handle is registered with the context, so it heals even when the test fails.
 */
public interface Fault {

  /** A short name for logs and the timeline, e.g. {@code pod-kill}. */
  String name();

  /** Injects into the scope; the caller owns the returned handle. */
  FaultHandle inject(FaultScope scope);

  /**
   * This fault over and over: heal and re-inject (with a fresh choice of targets) every {@code period}
   * after the previous cycle, until the handle is closed.
   */
  default Fault every(java.time.Duration period) {
    return new Recurring(this, period);
  }

  /**
   * Injects into the scenario and registers the handle with it. The scenario's first fault first checks its
   * steady-state hypothesis ({@link Scope#awaitSteadyState()}).
   */
  default FaultHandle inject(Scope ctx) {
    ctx.awaitSteadyState();
    return ctx.register(inject(FaultScope.of(ctx)));
  }
}
