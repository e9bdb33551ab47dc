package dev.shakedown.workload;

import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.awaitility.Awaitility;

/**
 * Sends {@code GET <path>} at a bounded rate and records every request in a {@link History}: an
 * {@code invoke}, then {@code ok} (servedBy = the pod that answered), {@code fail} (connection refused, or
 * an HTTP error status) or {@code info} (timeout or another I/O error: the outcome is unknown). At most
 * {@link #processes(int)} requests are in flight; a tick that finds none free is counted as skipped.
 */
public final class LoadClient implements AutoCloseable {

  private static final Pattern POD = Pattern.compile("\"pod\"\\s*:\\s*\"([^\"]*)\"");

  private final Endpoints endpoints;
  private final History history;
  private final AtomicLong skipped = new AtomicLong();
  private final ConcurrentLinkedQueue<Integer> free = new ConcurrentLinkedQueue<>();
  private double rate = 10;
  private Duration timeout = Duration.ofSeconds(2);
  private int processes = 8;
  private String path = "/";
  private Consumer<Operation> listener = op -> {};
  private HttpClient http;
  private ScheduledExecutorService scheduler;
  private ScheduledFuture<?> ticks;

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

  /** Called with every completion (ok, fail or info), on an HTTP client thread. */
  public LoadClient onComplete(Consumer<Operation> listener) {
    this.listener = Objects.requireNonNull(listener, "listener");
    return this;
  }

  public History history() { return history; }

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
    http = HttpClient.newBuilder().connectTimeout(timeout).version(HttpClient.Version.HTTP_1_1).build();
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
      Awaitility.await("load client: requests in flight complete")
          .atMost(timeout.plusSeconds(5))
          .pollInterval(Duration.ofMillis(20))
          .until(() -> free.size() == processes);
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
    URI uri;
    try {
      uri = endpoints.next().resolve(path);
    } catch (RuntimeException e) {
      listener.accept(history.fail(process, "get", null, "no endpoint: " + e.getMessage()));
      free.add(process);
      return;
    }
    HttpRequest request = HttpRequest.newBuilder(uri).timeout(timeout).GET().build();
    history.invoke(process, "get", null);
    http.sendAsync(request, HttpResponse.BodyHandlers.ofString())
        .handle((response, error) -> complete(process, uri, response, error))
        .whenComplete((op, error) -> free.add(process));
  }

  private Operation complete(int process, URI uri, HttpResponse<String> response, Throwable error) {
    Operation op;
    if (error == null && response.statusCode() == 200) {
      op = history.ok(process, "get", null, servedBy(response));
    } else if (error == null) {
      op = history.fail(process, "get", null, "HTTP " + response.statusCode() + " from " + uri.getAuthority());
    } else {
      Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
      String what = cause.getClass().getSimpleName() + " from " + uri.getAuthority();
      if (neverSent(cause)) {
        op = history.fail(process, "get", null, what);
      } else {
        String suffix = cause instanceof HttpTimeoutException ? " after " + timeout : ": " + cause.getMessage();
        op = history.info(process, "get", null, what + suffix);
      }
    }
    try {
      listener.accept(op);
    } catch (RuntimeException ignored) {
      // a listener must not lose the process slot
    }
    return op;
  }

  /** Connection refused or not established in time: the server cannot have seen the request. */
  static boolean neverSent(Throwable error) {
    for (Throwable t = error; t != null; t = t.getCause()) {
      if (t instanceof ConnectException || t instanceof HttpConnectTimeoutException) {
        return true;
      }
    }
    return false;
  }

  static String servedBy(HttpResponse<String> response) {
    return response.headers().firstValue("X-Pod").orElseGet(() -> {
      Matcher m = POD.matcher(response.body());
      return m.find() ? m.group(1) : null;
    });
  }
}
