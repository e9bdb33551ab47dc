package dev.shakedown.web;

import dev.shakedown.client.Client;
import dev.shakedown.client.Generators;
import dev.shakedown.client.HttpOp;
import dev.shakedown.client.Load;
import dev.shakedown.client.Op;
import dev.shakedown.client.Result;
import dev.shakedown.cluster.Scope;
import dev.shakedown.history.ChecksummedValue;
import dev.shakedown.workload.Endpoints;
import dev.shakedown.workload.NodePortEndpoints;
import java.net.http.HttpRequest;
import java.time.Duration;

/**
 * The HTTP client of the workload image, an {@link HttpOp}: {@code get} is {@code GET <path>} (default {@code /}),
 * {@code write} is {@code PUT /kv/<id>} of a checksummed value, {@code read} is {@code GET /kv} (every stored value,
 * joined by {@code ,}). 200 is ok, served by the pod the answer names ({@code X-Pod}, or the body's {@code "pod"}).
 */
public final class WebClient {

  private WebClient() {}

  /** The client against {@code endpoints}, with a per-request timeout. */
  public static Client of(Endpoints endpoints, Duration timeout, String path) {
    return HttpOp.client(endpoints, (base, op) -> switch (op.function()) {
      case Op.WRITE -> HttpRequest.newBuilder(base.resolve("/kv/" + ChecksummedValue.decode(op.value()).id()))
          .PUT(HttpRequest.BodyPublishers.ofString(op.value()));
      case Op.READ -> HttpRequest.newBuilder(base.resolve("/kv")).GET();
      default -> HttpRequest.newBuilder(base.resolve(path)).GET();
    }, (op, response) -> response.statusCode() == 200
        ? Result.ok(op.isRead() ? Outcome.values(response.body()) : null, Outcome.servedBy(response))
        : HttpOp.STATUS.of(op, response)).timeout(timeout);
  }

  /** A registered load of {@code GET /} against an HTTP service's NodePort: 10/s, 8 processes, 2 s per request. */
  public static Load load(Scope scope, HttpService service) {
    Client client = of(NodePortEndpoints.of(scope.client(), service.namespace(), service.name()),
        Duration.ofSeconds(2), "/");
    return scope.register(Load.of("web-" + service.name(), client).rate(10).processes(8)
        .ops(Generators.constant("get")));
  }

  /**
   * A registered load of unique checksummed writes (seeded from the scope) into the key-value store behind
   * {@code kv}'s client NodePort; {@link Load#finalRead(Duration)} reads every value back.
   */
  public static Load writes(Scope scope, StatefulKv kv) {
    Client client = of(NodePortEndpoints.of(scope.client(), kv.namespace(), kv.clientServiceName()),
        Duration.ofSeconds(2), "/");
    return scope.register(Load.of("kv-writes", client).rate(10).processes(8)
        .ops(Generators.uniqueWrites(scope.random().nextLong())));
  }
}
