package dev.shakedown.postgres;

import dev.shakedown.workload.NodePortEndpoints;
import dev.shakedown.cluster.Scope;
import dev.shakedown.history.History;
import dev.shakedown.history.Operation;
import dev.shakedown.workload.Endpoints;

import dev.shakedown.internal.Waits;
import dev.shakedown.history.ChecksummedValue;
import dev.shakedown.postgres.JdbcConnector.Session;
import dev.shakedown.postgres.JdbcOutcome.Phase;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Objects;
import java.util.Random;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.slf4j.LoggerFactory;

/**
 * Writes unique {@link ChecksummedValue}s into PostgreSQL, one row per value in a table it creates, at a bounded
 * rate; each write is its own transaction ({@code INSERT}, then {@code COMMIT}) and is recorded in a
 * {@link History} as {@code invoke} then {@code ok}, {@code fail} or {@code info} (rules in {@link JdbcOutcome}).
 * At most {@link #processes(int)} writes are in flight, each process on its own connection; a tick that finds
 * none free counts as skipped. Every call is bounded by the JDBC connect, login and socket timeouts, and nothing
 * the database does makes the client throw. Finish with {@link #finalRead(Duration)}.
 */
public final class JdbcWriter implements AutoCloseable {

  private final Endpoints endpoints;
  private final History history;
  private final Object lock = new Object();
  private final AtomicLong sequence = new AtomicLong();
  private final AtomicLong skipped = new AtomicLong();
  private final ConcurrentLinkedQueue<Integer> free = new ConcurrentLinkedQueue<>();
  private double rate = 20;
  private int processes = 4;
  private Duration connectTimeout = Duration.ofSeconds(3);
  private Duration socketTimeout = Duration.ofSeconds(5);
  private Duration loginTimeout = Duration.ofSeconds(5);
  private JdbcTable table = new JdbcTable("shakedown_writes");
  private Random random = new Random(0);
  private Consumer<Operation> listener = op -> {};
  private JdbcConnector connector;
  private Session[] sessions;
  private ScheduledExecutorService scheduler;
  private ExecutorService workers;
  private ScheduledFuture<?> ticks;
  private volatile boolean tableReady;

  /**
   * A JDBC writer of unique checksummed rows into {@code pg} through its client NodePort, its payloads seeded from the
   * scenario's random source; stopped with the scenario. Deploy {@code pg} first.
   */
  public static JdbcWriter of(Scope scope, Postgres pg) {
    return scope.register(new JdbcWriter(NodePortEndpoints.of(scope.client(), pg.namespace(), pg.clientServiceName()),
        new History()).seed(scope.random().nextLong()));
  }

  public JdbcWriter(Endpoints endpoints, History history) {
    this.endpoints = Objects.requireNonNull(endpoints, "endpoints");
    this.history = Objects.requireNonNull(history, "history");
  }

  /** Writes per second (default 20). */
  public JdbcWriter rate(double perSecond) {
    if (!(perSecond > 0 && perSecond <= 1_000)) {
      throw new IllegalArgumentException("rate must be in (0, 1000] writes per second, was " + perSecond);
    }
    this.rate = perSecond;
    return this;
  }

  /** Concurrent writers, each one history process with its own connection (default 4). */
  public JdbcWriter processes(int processes) {
    if (processes < 1) {
      throw new IllegalArgumentException("processes must be >= 1, was " + processes);
    }
    this.processes = processes;
    return this;
  }

  /** JDBC timeouts: TCP connect (default 3 s), each socket read (5 s), connect plus login (5 s); all positive. */
  public JdbcWriter timeouts(Duration connect, Duration socket, Duration login) {
    new JdbcConnector(endpoints, "postgres", "postgres", connect, socket, login); // validates
    synchronized (lock) {
      this.connectTimeout = connect;
      this.socketTimeout = socket;
      this.loginTimeout = login;
      this.connector = null;
    }
    return this;
  }

  /** The table written to (default {@code shakedown_writes}): lower-case letters, digits and {@code _}. */
  public JdbcWriter table(String name) {
    this.table = new JdbcTable(name);
    return this;
  }

  /** Seeds the payload generator (e.g. from the scenario's random source) so a replay writes the same values. */
  public JdbcWriter seed(long seed) {
    synchronized (lock) {
      this.random = new Random(seed);
    }
    return this;
  }

  /** Called with every write completion (ok, fail or info), on a writer thread. */
  public JdbcWriter onComplete(Consumer<Operation> listener) {
    this.listener = Objects.requireNonNull(listener, "listener");
    return this;
  }

  public History history() { return history; }

  public String table() { return table.name(); }

  /** Ticks that found every process busy. */
  public long skipped() { return skipped.get(); }

  public synchronized boolean isRunning() { return ticks != null; }

  /** Made on first use under its own lock: {@link #stop()} holds this object's monitor while writers finish. */
  private JdbcConnector connector() {
    synchronized (lock) {
      if (connector == null) {
        connector = new JdbcConnector(endpoints, "postgres", "postgres", connectTimeout, socketTimeout, loginTimeout);
      }
      return connector;
    }
  }

  /** Creates the table if missing, retrying within {@code atMost}; {@code false} when the database never answered. */
  public boolean ensureTable(Duration atMost) {
    boolean exists = table.ensure(connector(), atMost);
    tableReady |= exists;
    return exists;
  }

  /**
   * Starts writing in the background; see {@link #stop()}. Unless {@link #ensureTable} already created the table,
   * tries once now and then on every new connection until it exists (a write that cannot create it fails).
   */
  public synchronized JdbcWriter start() {
    if (ticks != null) {
      throw new IllegalStateException("JDBC writer already running");
    }
    if (!tableReady) {
      ensureTable(Duration.ofSeconds(1));
    }
    sessions = new Session[processes];
    free.clear();
    for (int p = 0; p < processes; p++) {
      free.add(p);
    }
    workers = Executors.newFixedThreadPool(processes, daemon("shakedown-jdbc"));
    scheduler = Executors.newSingleThreadScheduledExecutor(daemon("shakedown-jdbc-ticks"));
    ticks = scheduler.scheduleAtFixedRate(this::tick, 0, (long) (1_000_000_000L / rate), TimeUnit.NANOSECONDS);
    scheduler.scheduleWithFixedDelay(connector()::refreshEndpoints, 2, 2, TimeUnit.SECONDS);
    return this;
  }

  /** Writes for {@code duration}, then stops and returns the history. */
  public History run(Duration duration) {
    start();
    try {
      scheduler.schedule(() -> {}, duration.toNanos(), TimeUnit.NANOSECONDS).get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (ExecutionException e) {
      throw new IllegalStateException(e);
    } finally {
      stop();
    }
    return history;
  }

  /**
   * Stops writing and waits, bounded by the timeouts, for writes in flight to complete (one that does not stays
   * invoked without completion: indeterminate). Idempotent.
   */
  public synchronized void stop() {
    if (ticks == null) {
      return;
    }
    ticks.cancel(false);
    ticks = null;
    Duration bound = connector().worstCase().plusSeconds(5);
    try {
      if (!Waits.lastAttempt("JDBC writes in flight complete", bound, Duration.ofMillis(20),
          () -> free.size() == processes, Boolean::booleanValue)) {
        LoggerFactory.getLogger(JdbcWriter.class).warn("JDBC writes still in flight after {}", bound);
      }
    } finally {
      workers.shutdownNow();
      scheduler.shutdownNow();
      for (int p = 0; p < sessions.length; p++) {
        drop(p);
      }
    }
  }

  @Override
  public void close() {
    stop();
  }

  /**
   * One read of every value on a fresh connection (function {@code read}, process = {@link #processes(int)}):
   * ok with the values joined by {@code ,} in insertion order, else fail naming the error (e.g. a checksum failure).
   */
  public Operation read() {
    return table.read(connector(), history, processes);
  }

  /** {@link #read()} retried every second until it succeeds or {@code atMost} elapses; the last attempt. */
  public Operation finalRead(Duration atMost) {
    return table.readUntilOk(connector(), history, processes, atMost);
  }

  private void tick() {
    Integer process = free.poll();
    if (process == null) {
      skipped.incrementAndGet();
      return;
    }
    String value = nextValue(process);
    try {
      workers.execute(() -> {
        try {
          write(process, value);
        } finally {
          free.add(process);
        }
      });
    } catch (RuntimeException e) {
      free.add(process); // shutting down
    }
  }

  private String nextValue(int process) {
    synchronized (lock) {
      return ChecksummedValue.encode("p" + process + "-" + sequence.incrementAndGet(),
          Long.toHexString(random.nextLong()));
    }
  }

  private Operation write(int process, String value) {
    history.invoke(process, "write", value);
    Phase phase = Phase.CONNECT;
    String where = "(no endpoint)";
    try {
      if (sessions[process] == null) {
        java.net.URI endpoint = connector().next();
        where = JdbcConnector.where(endpoint);
        sessions[process] = connector().connect(endpoint);
      }
      where = sessions[process].where();
      phase = Phase.STATEMENT;
      if (!tableReady) {
        try (java.sql.Statement ddl = sessions[process].connection().createStatement()) {
          ddl.execute(table.ddl());
          sessions[process].connection().commit();
          tableReady = true;
        }
      }
      try (PreparedStatement insert = sessions[process].connection().prepareStatement(table.insert())) {
        insert.setString(1, value);
        insert.executeUpdate();
      }
      phase = Phase.COMMIT;
      sessions[process].connection().commit();
      return report(history.ok(process, "write", value, null));
    } catch (SQLException | RuntimeException e) {
      drop(process);
      return report(JdbcOutcome.record(history, process, "write", value, phase, e, where));
    }
  }

  private void drop(int process) {
    Session session = sessions[process];
    sessions[process] = null;
    if (session != null) {
      session.close();
    }
  }

  private Operation report(Operation op) {
    try {
      listener.accept(op);
    } catch (RuntimeException ignored) {
      // a listener must not break the writer
    }
    return op;
  }

  private static ThreadFactory daemon(String name) {
    return r -> {
      Thread t = new Thread(r, name);
      t.setDaemon(true);
      return t;
    };
  }
}
