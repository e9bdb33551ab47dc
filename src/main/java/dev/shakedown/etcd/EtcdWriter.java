package dev.shakedown.etcd;

import dev.shakedown.cluster.Scope;
import dev.shakedown.history.History;
import dev.shakedown.history.Operation;

import dev.shakedown.internal.Waits;
import dev.shakedown.history.ChecksummedValue;
import io.etcd.jetcd.Client;
import io.etcd.jetcd.KeyValue;
import io.etcd.jetcd.kv.GetResponse;
import io.etcd.jetcd.options.GetOption;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Random;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

/**
 * Writes unique {@link ChecksummedValue}s into etcd through jetcd, one key per value under {@link #prefix(String)},
 * at a bounded rate with at most {@link #processes(int)} writes in flight, and records each in a {@link History}
 * ({@code write}: invoke, then ok / fail / info as {@link EtcdOutcome} classifies it). {@link #finalRead()} reads
 * every value under the prefix ({@code read}, values joined by {@code ,}), retried within a bound. Payloads come
 * from a seeded generator. Nothing it does throws into the scenario: an unreachable cluster yields fail / info.
 */
public final class EtcdWriter implements AutoCloseable {

  private final List<URI> endpoints;
  private final History history;
  private final AtomicLong skipped = new AtomicLong();
  private final AtomicLong sequence = new AtomicLong();
  private final ConcurrentLinkedQueue<Integer> free = new ConcurrentLinkedQueue<>();
  private double rate = 20;
  private int processes = 4;
  private Duration timeout = Duration.ofSeconds(2);
  private Duration finalReadWithin = Duration.ofSeconds(60);
  private String prefix = "/shakedown/writes/";
  private Random random = new Random(0);
  private int payloadLength = 16;
  private Client client;
  private String clientError;
  private ScheduledExecutorService scheduler;
  private ScheduledFuture<?> ticks;

  /**
   * A jetcd writer of unique checksummed values into {@code etcd} through its members' NodePorts, its payloads seeded
   * from the scenario's random source; closed with the scenario. Deploy {@code etcd} first.
   */
  public static EtcdWriter of(Scope scope, Etcd etcd) {
    return scope.register(etcd.writer().seed(scope.random().nextLong()));
  }

  public EtcdWriter(List<URI> endpoints, History history) {
    this.endpoints = List.copyOf(endpoints);
    this.history = Objects.requireNonNull(history, "history");
  }

  /** Writes per second (default 20). */
  public EtcdWriter rate(double perSecond) {
    if (!(perSecond > 0 && perSecond <= 5_000)) {
      throw new IllegalArgumentException("rate must be in (0, 5000] writes per second, was " + perSecond);
    }
    this.rate = perSecond;
    return this;
  }

  /** Writes in flight at most (default 4); each is one history process, the final read uses the next id. */
  public EtcdWriter processes(int processes) {
    if (processes < 1) {
      throw new IllegalArgumentException("processes must be >= 1, was " + processes);
    }
    this.processes = processes;
    return this;
  }

  /** The deadline of each call (default 2 s); a call past it is recorded as info (or fail if never sent). */
  public EtcdWriter timeout(Duration timeout) {
    this.timeout = Objects.requireNonNull(timeout, "timeout");
    return this;
  }

  /** How long {@link #finalRead()} keeps retrying (default 60 s). */
  public EtcdWriter finalReadWithin(Duration bound) {
    this.finalReadWithin = Objects.requireNonNull(bound, "bound");
    return this;
  }

  /** The key prefix (default {@code /shakedown/writes/}); each write's key is prefix + its unique id. */
  public EtcdWriter prefix(String prefix) {
    this.prefix = Objects.requireNonNull(prefix, "prefix");
    return this;
  }

  /** Seeds the payload generator (e.g. with the scenario's seed), so a run can be replayed. */
  public EtcdWriter seed(long seed) {
    this.random = new Random(seed);
    return this;
  }

  public History history() { return history; }

  /** Ticks that found every process busy (etcd was slower than the rate allows). */
  public long skipped() { return skipped.get(); }

  public synchronized boolean isRunning() { return ticks != null; }

  /** Starts writing in the background; see {@link #stop()}. */
  public synchronized EtcdWriter start() {
    if (ticks != null) {
      throw new IllegalStateException("etcd writer already running");
    }
    connect();
    free.clear();
    for (int p = 0; p < processes; p++) {
      free.add(p);
    }
    scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "shakedown-etcd-writer");
      t.setDaemon(true);
      return t;
    });
    ticks = scheduler.scheduleAtFixedRate(this::tick, 0, (long) (1_000_000_000L / rate), TimeUnit.NANOSECONDS);
    return this;
  }

  /** Writes for {@code duration}, then stops; returns the history (call {@link #finalRead()} next). */
  public History run(Duration duration) {
    start();
    try {
      Waits.hold(duration);
    } finally {
      stop();
    }
    return history;
  }

  /** Stops writing and waits (bounded by the deadline) for writes in flight to complete. Idempotent. */
  public synchronized void stop() {
    if (ticks == null) {
      return;
    }
    ticks.cancel(false);
    ticks = null;
    try {
      // a write still in flight after the bound stays an invoke without completion: indeterminate, as the checker
      // treats it
      Waits.lastAttempt("etcd writer: writes in flight complete", timeout.plusSeconds(5), Duration.ofMillis(20),
          () -> free.size() == processes, Boolean::booleanValue);
    } finally {
      scheduler.shutdownNow();
    }
  }

  /**
   * Reads every value under the prefix, recorded as {@code read} (ok value: the values joined by {@code ,}),
   * retrying each second until one read is ok or {@link #finalReadWithin(Duration)} elapses; returns the last
   * attempt. Never throws.
   */
  public Operation finalRead() {
    connect();
    // every attempt is in the history as fail / info
    Operation last = Waits.lastAttempt("final read of etcd keys under " + prefix + " from " + endpoints,
        finalReadWithin, Duration.ofSeconds(1), this::readOnce, Operation::isOk);
    return last != null ? last : history.info(processes, "read", null, "no read attempt finished within "
        + finalReadWithin);
  }

  @Override
  public synchronized void close() {
    stop();
    if (client != null) {
      client.close();
      client = null;
    }
  }

  private synchronized void connect() {
    if (client == null) {
      try {
        client = EtcdClients.build(endpoints, timeout);
        clientError = null;
      } catch (RuntimeException e) {
        clientError = "no etcd client for " + endpoints + ": " + e.getMessage();
      }
    }
  }

  private Operation readOnce() {
    int process = processes;
    history.invoke(process, "read", null);
    Client c = client;
    if (c == null) {
      return history.fail(process, "read", null, clientError);
    }
    try {
      GetResponse response = c.getKVClient()
          .get(EtcdClients.bytes(prefix), GetOption.builder().isPrefix(true).build())
          .get(timeout.toMillis() + 1000, TimeUnit.MILLISECONDS);
      String values = response.getKvs().stream().map(KeyValue::getValue).map(EtcdClients::text)
          .collect(Collectors.joining(","));
      return history.ok(process, "read", values, Long.toHexString(response.getHeader().getMemberId()));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return history.info(process, "read", null, "interrupted");
    } catch (Exception e) {
      return EtcdOutcome.record(history, process, "read", null, e);
    }
  }

  private void tick() {
    Integer process = free.poll();
    if (process == null) {
      skipped.incrementAndGet();
      return;
    }
    String id = "p" + process + "-" + sequence.incrementAndGet();
    String value = ChecksummedValue.encode(id, payload());
    history.invoke(process, "write", value);
    Client c = client;
    if (c == null) {
      history.fail(process, "write", value, clientError);
      free.add(process);
      return;
    }
    try {
      c.getKVClient().put(EtcdClients.bytes(prefix + id), EtcdClients.bytes(value))
          .orTimeout(timeout.toMillis() + 1000, TimeUnit.MILLISECONDS)
          .whenComplete((response, error) -> {
            if (error == null) {
              history.ok(process, "write", value, Long.toHexString(response.getHeader().getMemberId()));
            } else {
              EtcdOutcome.record(history, process, "write", value, error);
            }
            free.add(process);
          });
    } catch (RuntimeException e) {
      EtcdOutcome.record(history, process, "write", value, e);
      free.add(process);
    }
  }

  private String payload() {
    StringBuilder s = new StringBuilder(payloadLength);
    for (int i = 0; i < payloadLength; i++) {
      s.append((char) ('a' + random.nextInt(26)));
    }
    return s.toString();
  }
}
