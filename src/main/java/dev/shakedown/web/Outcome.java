package dev.shakedown.web;

import dev.shakedown.client.Op;
import dev.shakedown.client.Result;

import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.concurrent.CompletionException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * How an HTTP exchange completes an operation: 200 → ok (servedBy = header {@code X-Pod} or the body's
 * {@code "pod"}); another status → fail; connection refused or not established in time → fail (the server
 * never saw it); a response timeout or another I/O error → info (it may or may not have happened).
 */
final class Outcome {

  private static final Pattern POD = Pattern.compile("\"pod\"\\s*:\\s*\"([^\"]*)\"");

  private Outcome() {}

  /** An HTTP answer: 200 is ok (a read's value is every stored value), another status is fail. */
  static Result of(String function, URI uri, HttpResponse<String> response, Duration timeout) {
    if (response.statusCode() == 200) {
      return Result.ok(Op.READ.equals(function) ? values(response.body()) : null, servedBy(response));
    }
    return Result.fail("HTTP " + response.statusCode() + " from " + uri.getAuthority());
  }

  /** No answer: never sent is fail, anything else is info. */
  static Result of(URI uri, Throwable error, Duration timeout) {
    Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
    String what = cause.getClass().getSimpleName() + " from " + uri.getAuthority();
    if (neverSent(cause)) {
      return Result.fail(what);
    }
    return Result.info(what + (cause instanceof HttpTimeoutException ? " after " + timeout : ": " + cause.getMessage()));
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

  static String values(String kvListing) {
    return kvListing.lines().filter(l -> l.indexOf('=') > 0).map(l -> l.substring(l.indexOf('=') + 1))
        .collect(Collectors.joining(","));
  }
}
