package dev.shakedown.web;

import dev.shakedown.workload.NodePortEndpoints;
import dev.shakedown.cluster.Scope;
import dev.shakedown.history.History;
import dev.shakedown.history.Operation;
import dev.shakedown.workload.Endpoints;

import dev.shakedown.history.ChecksummedValue;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import dev.shakedown.internal.Waits;

/**
 * Sends {@code GET <path>} (or, with {@link #writes()}, key-value writes) at a bounded rate and records
 * every request in a {@link History}: an
 * {@code invoke}, then {@code ok} (servedBy = the pod that answered), {@code fail} (connection refused, or
 * an HTTP error status) or {@code info} (timeout or another I/O error: the outcome is unknown). At most
 * {@link #processes(int)} requests are in flight; a tick that finds none free is counted as skipped.
 *
 * <p>After a request that was not OK the client drops its kept-alive connections (it starts a new connection pool),
 * so no later request rides a connection to an endpoint that has just died.
 */
public final class LoadClient implements AutoCloseable {

  private final Endpoints endpoints;
  private final History history;
  private final AtomicLong skipped = new AtomicLong();
  private final ConcurrentLinkedQueue<Integer> free = new ConcurrentLinkedQueue<>();
  private double rate = 10;
  private Duration timeout = Duration.ofSeconds(2);
  private int processes = 8;
  private String path = "/";
  private Consumer<Operation> listener = op -> {};
  private final AtomicLong sequence = new AtomicLong();
  private boolean writes;
  private final Object httpLock = new Object();
  private HttpClient http;
  private ScheduledExecutorService scheduler;
  private ScheduledFuture<?> ticks;

  /** A load client against an HTTP service's NodePort; stopped with the scenario. */
  public static LoadClient of(Scope scope, HttpService service) {
    return scope.register(new LoadClient(NodePortEndpoints.of(scope.client(), service.namespace(), service.name()),
        new History()));
  }

  /**
   * A writer of unique checksummed values into the key-value store behind {@code kv}'s client NodePort
   * (function {@code write}; {@link #finalRead()} adds the {@code read}); stopped with the scenario.
   */
  public static LoadClient writer(Scope scope, StatefulKv kv) {
    return scope.register(new LoadClient(NodePortEndpoints.of(scope.client(), kv.namespace(), kv.clientServiceName()),
        new History()).writes());
  }

  public LoadClient(Endpoints endpoints, History history) {
    this.endpoints = Objects.requireNonNull(endpoints, "endpoints");
    this.history = Objects.requireNonNull(history, "history");
  }

  /** Requests per second (default 10). */
  public LoadClient rate(double perSecond) {
    if (!(perSecond > 0 && perSecond <= 10_000)) {
      throw new IllegalArgumentException("rate must be in (0, 10000] requests per second, was " + perSecond);
    }
    this.rate = perSecond;
    return this;
  }

  /** Per-request timeout, also the connect timeout (default 2 s); a timed-out request is recorded as info. */
  public LoadClient timeout(Duration timeout) {
    this.timeout = Objects.requireNonNull(timeout, "timeout");
    return this;
  }

  /** How many requests may be in flight at once (default 8); each is one history process. */
  public LoadClient processes(int processes) {
    if (processes < 1) {
      throw new IllegalArgumentException("processes must be >= 1, was " + processes);
    }
    this.processes = processes;
    return this;
  }

  public LoadClient path(String path) {
    this.path = Objects.requireNonNull(path, "path");
    return this;
  }

  /**
   * Switches to writes against the workload's key-value store: each request is {@code PUT /kv/<id>} of a
   * unique {@link ChecksummedValue}, recorded as {@code write}; finish with {@link #finalRead()}.
   */
  public LoadClient writes() {
    this.writes = true;
    return this;
  }

  /** Called with every completion (ok, fail or info), on an HTTP client thread. */
  public LoadClient onComplete(Consumer<Operation> listener) {
    this.listener = Objects.requireNonNull(listener, "listener");
    return this;
  }

  public History history() { return history; }

  /** The JDK client, made on first use (own lock: {@link #stop()} holds this object's monitor while waiting). */
  private HttpClient http() {
    synchronized (httpLock) {
      if (http == null) {
        http = HttpClient.newBuilder().connectTimeout(timeout).version(HttpClient.Version.HTTP_1_1).build();
      }
      return http;
    }
  }

  /**
   * Drops the kept-alive connections of {@code used} after an answer that was not OK: the next request gets a new
   * client, so a new connection. Once per client, so a burst of failures replaces it once.
   */
  private void dropConnections(HttpClient used, Operation op) {
    if (!op.isOk()) {
      synchronized (httpLock) {
        if (http == used) {
          http = null;
        }
      }
    }
  }

  /** Ticks that found every process busy (the target was slower than the rate allows). */
  public long skipped() { return skipped.get(); }

  public synchronized boolean isRunning() { return ticks != null; }

  /** Starts sending in the background; see {@link #stop()}. */
  public synchronized LoadClient start() {
    if (ticks != null) {
      throw new IllegalStateException("load client already running");
    }
    free.clear();
    for (int p = 0; p < processes; p++) {
      free.add(p);
    }
    scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "shakedown-load");
      t.setDaemon(true);
      return t;
    });
    long periodNanos = (long) (1_000_000_000L / rate);
    ticks = scheduler.scheduleAtFixedRate(this::tick, 0, periodNanos, TimeUnit.NANOSECONDS);
    scheduler.scheduleWithFixedDelay(this::refreshQuietly, 2, 2, TimeUnit.SECONDS);
    return this;
  }

  /** Sends for {@code duration}, then stops and returns the history. */
  public History run(Duration duration) {
    start();
    try {
      scheduler.schedule(() -> {}, duration.toNanos(), TimeUnit.NANOSECONDS).get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (java.util.concurrent.ExecutionException e) {
      throw new IllegalStateException(e);
    } finally {
      stop();
    }
    return history;
  }

  /** Stops sending and waits (bounded by the request timeout) for requests in flight to complete. Idempotent. */
  public synchronized void stop() {
    if (ticks == null) {
      return;
    }
    ticks.cancel(false);
    ticks = null;
    try {
      Waits.until("load client: requests in flight complete", timeout.plusSeconds(5), Duration.ofMillis(20),
          free::size, busy -> busy == processes, size -> (processes - size) + " of " + processes + " still in flight");
    } finally {
      scheduler.shutdownNow();
    }
  }

  @Override
  public void close() {
    stop();
  }

  private void refreshQuietly() {
    try {
      endpoints.refresh();
    } catch (RuntimeException e) {
      // keep the endpoints we have; the next refresh retries
    }
  }

  private void tick() {
    Integer process = free.poll();
    if (process == null) {
      skipped.incrementAndGet();
      return;
    }
    String function = writes ? "write" : "get";
    String value = writes ? ChecksummedValue.encode("p" + process + "-" + sequence.incrementAndGet(), "v") : null;
    URI uri;
    try {
      uri = endpoints.next().resolve(writes ? "/kv/" + value.substring(0, value.indexOf(':')) : path);
    } catch (RuntimeException e) {
      listener.accept(history.fail(process, function, value, "no endpoint: " + e.getMessage()));
      free.add(process);
      return;
    }
    HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(timeout);
    request = writes ? request.PUT(HttpRequest.BodyPublishers.ofString(value)) : request.GET();
    history.invoke(process, function, value);
    HttpClient client = http();
    client.sendAsync(request.build(), HttpResponse.BodyHandlers.ofString())
        .handle((response, error) -> {
          Operation op = Outcome.record(history, process, function, value, uri, response, error, timeout);
          dropConnections(client, op);
          return report(op);
        })
        .whenComplete((op, error) -> free.add(process));
  }

  /**
   * The final read of a write workload: {@code GET /kv} once, recorded as {@code read} whose value is every
   * stored value joined by {@code ,} (process id = {@link #processes(int)}, never used by writers).
   */
  public Operation finalRead() {
    int process = processes;
    URI uri = endpoints.next().resolve("/kv");
    history.invoke(process, "read", null);
    HttpResponse<String> response = null;
    Throwable error = null;
    try {
      response = http().send(HttpRequest.newBuilder(uri).timeout(timeout).GET().build(),
          HttpResponse.BodyHandlers.ofString());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      error = e;
    } catch (java.io.IOException e) {
      error = e;
    }
    return report(Outcome.record(history, process, "read", null, uri, response, error, timeout));
  }


  private Operation report(Operation op) {
    try {
      listener.accept(op);
    } catch (RuntimeException ignored) {
      // a listener must not lose the process slot
    }
    return op;
  }
}
