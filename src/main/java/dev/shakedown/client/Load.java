package dev.shakedown.client;

import dev.shakedown.ShakedownException;
import dev.shakedown.history.History;
import dev.shakedown.history.Operation;
import dev.shakedown.internal.Waits;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * The one scheduler: keeps a {@link Client} busy at a bounded rate with at most {@link #processes(int)} operations in
 * flight, and records each in its {@link History} (invoke, then ok / fail / info). A tick that finds every process
 * busy is counted as {@link #skipped()}.
 *
 * <ul>
 *   <li>A thrown exception is {@code info}; the client decides {@code fail} itself.
 *   <li>An operation with no answer within {@link #timeout(Duration)} (plus 1 s of grace) is completed as
 *       {@code info}; its process is crashed, and the slot goes on under a new process id (above
 *       {@link #processes()}), so a client never sees two calls at once for one id. A late answer is ignored.
 *   <li>A {@link Generator} that runs dry stops the ticks; {@link #exhausted()} then says so.
 *   <li>{@link #stop()} waits for operations in flight for at most the timeout plus grace; any still unanswered is
 *       completed as {@code info} ("in flight when the load stopped"). It never throws, and the history never ends
 *       with an invoke.
 *   <li>{@link #finalRead(Duration)} retries a {@code read} each second until one is ok or the bound passes, and
 *       returns the last attempt; it never throws.
 * </ul>
 *
 * <pre>{@code
 * Load load = Load.of(db.client()).rate(50).processes(4).ops(Generators.uniqueWrites(ctx.seed()));
 * }</pre>
 */
public final class Load implements AutoCloseable {

  static final Duration GRACE = Duration.ofSeconds(1);

  private final Client client;
  private final String name;
  private final History history = new History();
  private final AtomicLong skipped = new AtomicLong();
  private final ConcurrentLinkedQueue<Integer> free = new ConcurrentLinkedQueue<>();
  private final Map<Integer, Pending> inFlight = new ConcurrentHashMap<>();
  private final AtomicBoolean exhausted = new AtomicBoolean();
  /** The last process id given to a slot whose process crashed; ids above {@link #processes} (the final read's). */
  private final AtomicInteger crashed = new AtomicInteger();
  private Generator generator = Generators.uniqueWrites(0);
  private double rate = 10;
  private int processes = 4;
  private Duration timeout = Duration.ofSeconds(2);
  private Consumer<Operation> listener = op -> {};
  private boolean opened;
  private ScheduledExecutorService scheduler;
  private ExecutorService workers;
  private ScheduledFuture<?> ticks;

  private Load(Client client, String name) {
    this.client = Objects.requireNonNull(client, "client");
    this.name = Objects.requireNonNull(name, "name");
  }

  /** A load on {@code client}, named after its class; configure it, then {@link #start()}. */
  public static Load of(Client client) {
    return new Load(client, client.getClass().getSimpleName());
  }

  /** A load named {@code name} (in messages and thread names). */
  public static Load of(String name, Client client) {
    return new Load(client, name);
  }

  /** Operations per second (default 10). */
  public Load rate(double perSecond) {
    if (!(perSecond > 0 && perSecond <= 10_000)) {
      throw new IllegalArgumentException("load " + name + ": rate must be in (0, 10000] operations per second, was "
          + perSecond);
    }
    this.rate = perSecond;
    return this;
  }

  /** Operations in flight at most (default 4); each is one history process. */
  public Load processes(int processes) {
    if (processes < 1 || processes > 256) {
      throw new IllegalArgumentException("load " + name + ": processes must be in [1, 256], was " + processes);
    }
    this.processes = processes;
    return this;
  }

  /** What to invoke (default {@link Generators#uniqueWrites(long)} seeded with 0). */
  public Load ops(Generator generator) {
    this.generator = Objects.requireNonNull(generator, "generator");
    return this;
  }

  /** The bound of one operation (default 2 s); past it plus 1 s of grace, the operation is info. */
  public Load timeout(Duration timeout) {
    if (timeout == null || timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("load " + name + ": timeout must be positive, was " + timeout);
    }
    this.timeout = timeout;
    return this;
  }

  /** Called with every completion, on a worker thread; an exception it throws is ignored. */
  public Load onComplete(Consumer<Operation> listener) {
    this.listener = Objects.requireNonNull(listener, "listener");
    return this;
  }

  public String name() { return name; }

  public Client client() { return client; }

  public History history() { return history; }

  public int processes() { return processes; }

  public Duration timeout() { return timeout; }

  /** Ticks that found every process busy (the target was slower than the rate allows). */
  public long skipped() { return skipped.get(); }

  /** Whether the generator ran dry (the load then stopped ticking on its own). */
  public boolean exhausted() { return exhausted.get(); }

  public synchronized boolean isRunning() { return ticks != null && !exhausted.get(); }

  /**
   * Opens the client (once) and starts ticking in the background.
   *
   * @throws ShakedownException naming the load when the client cannot be opened
   * @throws IllegalStateException when already running
   */
  public synchronized Load start() {
    if (ticks != null) {
      throw new IllegalStateException("load " + name + " is already running; stop() it first");
    }
    open();
    free.clear();
    for (int p = 0; p < processes; p++) {
      free.add(p);
    }
    exhausted.set(false);
    crashed.set(processes);
    scheduler = Executors.newSingleThreadScheduledExecutor(daemon("shakedown-load-" + name));
    workers = Executors.newCachedThreadPool(daemon("shakedown-" + name));
    ticks = scheduler.scheduleAtFixedRate(this::tick, 0, (long) (1_000_000_000L / rate), TimeUnit.NANOSECONDS);
    return this;
  }

  /** Runs for {@code duration}, then stops; returns the history. */
  public History run(Duration duration) {
    start();
    try {
      Waits.hold(duration);
    } finally {
      stop();
    }
    return history;
  }

  /** Stops ticking and closes what is in flight (see the class comment). Idempotent; the client stays open. */
  public synchronized void stop() {
    if (ticks == null) {
      return;
    }
    ticks.cancel(false);
    ticks = null;
    try {
      Waits.lastAttempt("load " + name + ": operations in flight complete", timeout.plus(GRACE).plus(GRACE),
          Duration.ofMillis(20), () -> free.size() == processes, Boolean::booleanValue);
      inFlight.values().forEach(p -> p.abandon(Result.info("in flight when the load stopped")));
    } finally {
      scheduler.shutdownNow();
      workers.shutdownNow();
    }
  }

  /**
   * Reads with process id {@link #processes()} (never used by the ticks), retrying each second until a read is ok
   * or {@code within} passes; every attempt is in the history. Returns the last attempt; never throws.
   */
  public Operation finalRead(Duration within) {
    Objects.requireNonNull(within, "within");
    Operation last = Waits.lastAttempt("load " + name + ": final read", within, Duration.ofSeconds(1),
        this::read, Operation::isOk);
    return last != null ? last : history.info(processes, Op.READ, null, "no final read finished within " + within);
  }

  /** Stops, then closes the client. */
  @Override
  public void close() {
    stop();
    synchronized (this) {
      if (opened) {
        opened = false;
        try {
          client.close();
        } catch (Exception e) {
          // closing is best effort: the connections die with the JVM
        }
      }
    }
  }

  private void open() {
    if (!opened) {
      try {
        client.open();
      } catch (Exception e) {
        throw new ShakedownException("load " + name + ": cannot open its client: " + e.getMessage(), e);
      }
      opened = true;
    }
  }

  /**
   * One {@code read} with the final read's process id, recorded, bounded by the timeout plus grace; never throws
   * (opens the client first if needed). {@link #finalRead(Duration)} retries it.
   */
  public Operation read() {
    synchronized (this) {
      try {
        open();
      } catch (ShakedownException e) {
        history.invoke(processes, Op.READ, null);
        return history.fail(processes, Op.READ, null, e.getMessage());
      }
    }
    Op op = new Op(processes, Op.READ, null);
    history.invoke(op.process(), op.function(), op.value());
    ExecutorService once = Executors.newSingleThreadExecutor(daemon("shakedown-" + name + "-read"));
    try {
      Result result = once.submit(() -> invokeSafely(op)).get(timeout.plus(GRACE).toMillis(), TimeUnit.MILLISECONDS);
      return record(op, result);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return record(op, Result.info("interrupted"));
    } catch (java.util.concurrent.TimeoutException e) {
      return record(op, Result.info("no answer within " + timeout.plus(GRACE)));
    } catch (java.util.concurrent.ExecutionException e) {
      return record(op, Result.info(String.valueOf(e.getCause())));
    } finally {
      once.shutdownNow();
    }
  }

  private void tick() {
    Integer process = free.poll();
    if (process == null) {
      skipped.incrementAndGet();
      return;
    }
    Op op;
    try {
      op = generator.next(process);
    } catch (RuntimeException e) {
      op = null;
    }
    if (op == null) {
      free.add(process);
      exhausted.set(true);
      ScheduledFuture<?> running = ticks;
      if (running != null) {
        running.cancel(false);
      }
      return;
    }
    Op invoked = op.process() == process ? op : new Op(process, op.function(), op.value());
    history.invoke(process, invoked.function(), invoked.value());
    Pending pending = new Pending(invoked);
    inFlight.put(process, pending);
    scheduler.schedule(() -> pending.abandon(Result.info("no answer within " + timeout.plus(GRACE))),
        timeout.plus(GRACE).toNanos(), TimeUnit.NANOSECONDS);
    try {
      workers.execute(() -> pending.complete(invokeSafely(invoked)));
    } catch (RuntimeException e) { // stopping
      pending.complete(Result.info("not run: the load is stopping"));
    }
  }

  private Result invokeSafely(Op op) {
    try {
      Result result = client.invoke(op);
      return result != null ? result : Result.info(name + " returned no result");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Result.info("interrupted");
    } catch (Exception | Error e) {
      return Result.info(e.getClass().getSimpleName() + ": " + e.getMessage());
    }
  }

  private Operation record(Op op, Result result) {
    Operation done = switch (result.type()) {
      case OK -> history.ok(op.process(), op.function(), result.value() != null ? result.value() : op.value(),
          result.servedBy());
      case FAIL -> history.fail(op.process(), op.function(), op.value(), result.error());
      default -> history.info(op.process(), op.function(), op.value(), result.error());
    };
    try {
      listener.accept(done);
    } catch (RuntimeException ignored) {
      // a listener must not lose the process slot
    }
    return done;
  }

  /** One operation in flight: the first completion (answer, timeout, stop) wins and frees the process. */
  private final class Pending {
    private final Op op;
    private final AtomicBoolean done = new AtomicBoolean();

    Pending(Op op) {
      this.op = op;
    }

    void complete(Result result) {
      if (done.compareAndSet(false, true)) {
        inFlight.remove(op.process(), this);
        record(op, result);
        free.add(op.process());
      }
    }

    /**
     * Completes without the client's answer (timeout, stop). The client may still be inside {@code invoke} for this
     * process, so, as in Jepsen, the process is crashed: its slot goes on under a new process id, and a client never
     * sees two calls at once for one id.
     */
    void abandon(Result result) {
      if (done.compareAndSet(false, true)) {
        inFlight.remove(op.process(), this);
        record(op, result);
        free.add(crashed.incrementAndGet());
      }
    }
  }

  private static ThreadFactory daemon(String name) {
    return r -> {
      Thread t = new Thread(r, name);
      t.setDaemon(true);
      return t;
    };
  }
}
