package dev.shakedown.fault;

import dev.shakedown.history.Timeline;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link FaultHandle} every fault returns: prints and marks the injection, and on the first
 * {@link #close()} runs the heal action and marks the heal; later closes do nothing. Public for faults made
 * outside this package (e.g. {@code dev.shakedown.maintenance}).
 */
public final class Handle implements FaultHandle {

  private static final Logger LOG = LoggerFactory.getLogger(Handle.class);

  private final String fault;
  private final List<String> targets;
  private final Timeline timeline;
  private final Runnable heal;
  private final AtomicBoolean closed = new AtomicBoolean();
  private volatile boolean healed;
  private volatile RuntimeException healFailure;
  /** The timeline kind of {@link #chosen}: a fault's work began. */
  public static final String INJECTING = "injecting";

  private Handle(String fault, List<String> targets, Timeline timeline, Runnable heal) {
    this.fault = fault;
    this.targets = List.copyOf(targets);
    this.timeline = timeline;
    this.heal = heal;
  }

  /** Prints the targets chosen and marks {@code inject} in the timeline; returns the handle that heals. */
  public static Handle injected(FaultScope scope, String fault, String how, List<String> targets, Runnable heal) {
    String detail = how + " -> " + targets;
    LOG.info("fault {} injected: {}", fault, detail);
    scope.timeline().markFault("inject", fault, detail);
    return new Handle(fault, targets, scope.timeline(), heal);
  }

  /**
   * Announces the targets before a fault that takes a while to inject (e.g. a drain), and marks {@code injecting} in
   * the timeline, so the fault's span starts where its work does ({@code inject} is marked when it is in place).
   */
  public static void chosen(FaultScope scope, String fault, String how, List<String> targets) {
    LOG.info("fault {} targets: {} -> {}", fault, how, targets);
    scope.timeline().markFault(INJECTING, fault, how + " -> " + targets);
  }

  @Override public String fault() { return fault; }

  @Override public List<String> targets() { return targets; }

  @Override public boolean isHealed() { return healed; }

  @Override public Optional<RuntimeException> healFailure() { return Optional.ofNullable(healFailure); }

  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    try {
      heal.run();
      healed = true;
      LOG.info("fault {} healed: {}", fault, targets);
      timeline.markFault("heal", fault, String.valueOf(targets));
    } catch (RuntimeException e) {
      healFailure = e;
      LOG.warn("fault {} heal FAILED: {}: {}", fault, targets, e.getMessage());
      timeline.markFault("heal", fault, targets + " FAILED: " + e.getMessage());
      throw e;
    }
  }

  @Override
  public String toString() {
    return fault + " " + targets + (healed ? " (healed)" : healFailure != null ? " (heal failed: "
        + healFailure.getMessage() + ")" : closed.get() ? " (healing)" : " (active)");
  }
}
