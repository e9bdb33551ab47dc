package dev.shakedown.fault;

import java.util.List;
import java.util.Optional;

/** An injected fault. {@link #close()} heals it; closing twice is harmless. */
public interface FaultHandle extends AutoCloseable {

  /** The fault's name, e.g. {@code pod-kill}. */
  String fault();

  /** What was hit: {@code pod/<ns>/<name>} or {@code node/<name>}. */
  List<String> targets();

  /** True only once a heal has succeeded; false while active, and after a heal that threw. */
  boolean isHealed();

  /** Why the heal failed, when it threw (it is not retried: a second close does nothing). */
  default Optional<RuntimeException> healFailure() {
    return Optional.empty();
  }

  /** Heals the fault and waits (bounded) until the targets have recovered; idempotent. */
  @Override
  void close();
}
