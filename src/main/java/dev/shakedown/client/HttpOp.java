package dev.shakedown.client;

import dev.shakedown.workload.Endpoints;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Objects;

/**
 * A {@link Client} for an HTTP API, made of two functions: how an {@link Op} becomes a request against an endpoint's
 * base URI, and how a response becomes a {@link Result}. The JDK's HTTP client sends it, bounded by the timeout.
 * Defaults: 2xx is ok (a {@code read}'s value is the body), any other status is fail; connection refused or not
 * established in time is fail (the server never saw it); a response timeout or another I/O error is info. After an
 * answer that was not ok, kept-alive connections are dropped, so the next request is balanced anew.
 *
 * <pre>{@code
 * Client kv = HttpOp.client(Endpoints.of(ctx, "store", 80), (base, op) -> op.isWrite()
 *     ? HttpRequest.newBuilder(base.resolve("/kv/" + ChecksummedValue.decode(op.value()).id())).PUT(ofString(op.value()))
 *     : HttpRequest.newBuilder(base.resolve("/kv")).GET());
 * }</pre>
 */
public final class HttpOp implements Client {

  /** How an op becomes a request against {@code base}. */
  @FunctionalInterface
  public interface Request {
    HttpRequest.Builder of(URI base, Op op);
  }

  /** How a response (any status) completes an op. */
  @FunctionalInterface
  public interface Response {
    Result of(Op op, HttpResponse<String> response);
  }

  /** 2xx is ok (a read's value is the body, servedBy the {@code X-Pod} header when there is one), else fail. */
  public static final Response STATUS = (op, response) -> response.statusCode() / 100 == 2
      ? Result.ok(op.isRead() ? response.body() : null, response.headers().firstValue("X-Pod").orElse(null))
      : Result.fail("HTTP " + response.statusCode() + " from " + response.uri().getAuthority());

  private static final Duration REFRESH = Duration.ofSeconds(2);

  private final Endpoints endpoints;
  private final Request request;
  private final Response response;
  private final Duration timeout;
  private volatile HttpClient http;
  private volatile long refreshedAt = System.nanoTime();

  private HttpOp(Endpoints endpoints, Request request, Response response, Duration timeout) {
    this.endpoints = Objects.requireNonNull(endpoints, "endpoints");
    this.request = Objects.requireNonNull(request, "request");
    this.response = Objects.requireNonNull(response, "response");
    this.timeout = Objects.requireNonNull(timeout, "timeout");
  }

  /** A client with the default {@link #STATUS} rule and a 2 s timeout. */
  public static HttpOp client(Endpoints endpoints, Request request) {
    return new HttpOp(endpoints, request, STATUS, Duration.ofSeconds(2));
  }

  /** A client with its own response rule. */
  public static HttpOp client(Endpoints endpoints, Request request, Response response) {
    return new HttpOp(endpoints, request, response, Duration.ofSeconds(2));
  }

  /** The same client with another per-request timeout (also the connect timeout). */
  public HttpOp timeout(Duration timeout) {
    return new HttpOp(endpoints, request, response, timeout);
  }

  @Override
  public Result invoke(Op op) throws InterruptedException {
    refresh();
    URI base = endpoints.next();
    HttpClient used = http();
    Result result;
    try {
      result = response.of(op, used.send(request.of(base, op).timeout(timeout).build(),
          HttpResponse.BodyHandlers.ofString()));
    } catch (IOException e) {
      String what = e.getClass().getSimpleName() + " from " + base.getAuthority();
      result = neverSent(e) ? Result.fail(what)
          : Result.info(what + (e instanceof HttpTimeoutException ? " after " + timeout : ": " + e.getMessage()));
    }
    if (result.type() != dev.shakedown.history.Operation.Type.OK && http == used) {
      http = null;
    }
    return result;
  }

  /** Connection refused or not established in time: the server cannot have seen the request. */
  public static boolean neverSent(Throwable error) {
    for (Throwable t = error; t != null; t = t.getCause()) {
      if (t instanceof ConnectException || t instanceof HttpConnectTimeoutException) {
        return true;
      }
    }
    return false;
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

  private void refresh() {
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
