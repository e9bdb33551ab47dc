package dev.shakedown.fault;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A fault injected again and again: the first injection happens in {@link #inject(FaultScope)} (so a bad
 * target fails at once), then every {@code period} after the previous cycle ended the current injection is
 * healed and a new one injected, each with a fresh seeded choice of targets. Closing the handle stops the
 * cycles and heals the last injection; an error of a background cycle stops the cycles and is rethrown
 * by {@code close()}. Made by {@link Fault#every(Duration)}.
 */
public final class Recurring implements Fault {

  private final Fault fault;
  private final Duration period;

  Recurring(Fault fault, Duration period) {
    this.fault = Objects.requireNonNull(fault, "fault");
    this.period = Objects.requireNonNull(period, "period");
    if (period.isNegative() || period.isZero()) {
      throw new IllegalArgumentException("period must be positive, was " + period);
    }
  }

  @Override
  public String name() {
    return fault.name();
  }

  @Override
  public FaultHandle inject(FaultScope scope) {
    AtomicReference<FaultHandle> current = new AtomicReference<>(fault.inject(scope));
    List<String> targets = new CopyOnWriteArrayList<>(current.get().targets());
    AtomicReference<RuntimeException> failure = new AtomicReference<>();
    ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "shakedown-" + fault.name() + "-every-" + period);
      t.setDaemon(true);
      return t;
    });
    scheduler.scheduleWithFixedDelay(() -> {
      try {
        current.getAndSet(null).close();
        FaultHandle next = fault.inject(scope);
        current.set(next);
        targets.addAll(next.targets());
      } catch (RuntimeException e) {
        failure.compareAndSet(null, e);
        scope.timeline().markFault("error", fault.name(), "recurring injection stopped: " + e.getMessage());
        throw e; // ends the schedule
      }
    }, period.toNanos(), period.toNanos(), TimeUnit.NANOSECONDS);
    return new FaultHandle() {
      private boolean closed;
      private volatile boolean healed;
      private volatile RuntimeException healFailure;

      @Override public String fault() { return fault.name(); }

      @Override public List<String> targets() { return List.copyOf(targets); }

      @Override public boolean isHealed() { return healed; }

      @Override public java.util.Optional<RuntimeException> healFailure() { return java.util.Optional.ofNullable(healFailure); }

      @Override
      public synchronized void close() {
        if (closed) {
          return;
        }
        closed = true;
        try {
          stop();
          healed = true;
        } catch (RuntimeException e) {
          healFailure = e;
          throw e;
        }
      }

      private void stop() {
        scheduler.shutdown(); // cancels the schedule; a cycle in progress is not interrupted
        try {
          scheduler.awaitTermination(10, TimeUnit.MINUTES); // a cycle in progress finishes its heal or inject
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
        FaultHandle last = current.getAndSet(null);
        if (last != null) {
          last.close();
        }
        if (failure.get() != null) {
          throw failure.get();
        }
      }
    };
  }
}
