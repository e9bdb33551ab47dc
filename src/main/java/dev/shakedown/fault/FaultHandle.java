package dev.shakedown.fault;

import java.util.List;

/** An injected fault. {@link #close()} heals it; closing twice is harmless. */
public interface FaultHandle extends AutoCloseable {

  /** The fault's name, e.g. {@code pod-kill}. */
  String fault();

  /** What was hit: {@code pod/<ns>/<name>} or {@code node/<name>}. */
  List<String> targets();

  boolean isHealed();

  /** Heals the fault and waits (bounded) until the targets have recovered; idempotent. */
  @Override
  void close();
}
