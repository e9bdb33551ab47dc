package dev.shakedown.web;

import dev.shakedown.client.Client;
import dev.shakedown.client.Generators;
import dev.shakedown.client.Load;
import dev.shakedown.client.Op;
import dev.shakedown.client.Result;
import dev.shakedown.cluster.Scope;
import dev.shakedown.workload.Endpoints;
import dev.shakedown.workload.NodePortEndpoints;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Objects;

/**
 * The HTTP client of the workload image, for a {@link Load}: {@code get} is {@code GET <path>} (default {@code /}),
 * {@code write} is {@code PUT /kv/<id>} of a checksummed value, {@code read} is {@code GET /kv} (every stored value).
 * Requests go round-robin over the {@link Endpoints}, re-read every 2 s. How an answer completes the operation is
 * {@link Outcome}'s rule. After an answer that was not OK the client drops its kept-alive connections (a new JDK client,
 * so a new connection pool), so no later request rides a connection to an endpoint that has just died.
 */
public final class WebClient implements Client {

  private static final Duration REFRESH = Duration.ofSeconds(2);

  private final Endpoints endpoints;
  private final Duration timeout;
  private final String path;
  private volatile HttpClient http;
  private volatile long refreshedAt = System.nanoTime();

  public WebClient(Endpoints endpoints, Duration timeout, String path) {
    this.endpoints = Objects.requireNonNull(endpoints, "endpoints");
    this.timeout = Objects.requireNonNull(timeout, "timeout");
    this.path = Objects.requireNonNull(path, "path");
  }

  /** A registered load of {@code GET /} against an HTTP service's NodePort: 10/s, 8 processes, 2 s per request. */
  public static Load load(Scope scope, HttpService service) {
    WebClient client = new WebClient(NodePortEndpoints.of(scope.client(), service.namespace(), service.name()),
        Duration.ofSeconds(2), "/");
    return scope.register(Load.of("web-" + service.name(), client).rate(10).processes(8)
        .ops(Generators.constant("get")));
  }

  /**
   * A registered load of unique checksummed writes (seeded from the scope) into the key-value store behind
   * {@code kv}'s client NodePort; {@link Load#finalRead(Duration)} reads every value back.
   */
  public static Load writes(Scope scope, StatefulKv kv) {
    WebClient client = new WebClient(NodePortEndpoints.of(scope.client(), kv.namespace(), kv.clientServiceName()),
        Duration.ofSeconds(2), "/");
    return scope.register(Load.of("kv-writes", client).rate(10).processes(8)
        .ops(Generators.uniqueWrites(scope.random().nextLong())));
  }

  @Override
  public Result invoke(Op op) throws IOException, InterruptedException {
    refreshEndpoints();
    URI uri = endpoints.next().resolve(switch (op.function()) {
      case Op.WRITE -> "/kv/" + op.value().substring(0, op.value().indexOf(':'));
      case Op.READ -> "/kv";
      default -> path;
    });
    HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(timeout);
    request = op.isWrite() ? request.PUT(HttpRequest.BodyPublishers.ofString(op.value())) : request.GET();
    HttpClient used = http();
    Result result;
    try {
      result = Outcome.of(op.function(), uri, used.send(request.build(), HttpResponse.BodyHandlers.ofString()), timeout);
    } catch (IOException e) {
      result = Outcome.of(uri, e, timeout);
    }
    if (result.type() != dev.shakedown.history.Operation.Type.OK && http == used) {
      http = null; // the next request opens a new connection
    }
    return result;
  }

  private HttpClient http() {
    HttpClient current = http;
    if (current == null) {
      synchronized (this) {
        if (http == null) {
          http = HttpClient.newBuilder().connectTimeout(timeout).version(HttpClient.Version.HTTP_1_1).build();
        }
        current = http;
      }
    }
    return current;
  }

  private void refreshEndpoints() {
    long now = System.nanoTime();
    if (now - refreshedAt >= REFRESH.toNanos()) {
      refreshedAt = now;
      try {
        endpoints.refresh();
      } catch (RuntimeException e) {
        // keep the endpoints we have; the next refresh retries
      }
    }
  }
}
