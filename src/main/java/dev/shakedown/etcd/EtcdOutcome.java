package dev.shakedown.etcd;

import dev.shakedown.client.Result;

import io.grpc.Status;
import io.grpc.StatusException;
import io.grpc.StatusRuntimeException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.UnknownHostException;
import java.nio.channels.UnresolvedAddressException;
import java.util.EnumSet;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.TimeoutException;

/**
 * How a failed jetcd call completes an operation. {@code fail} only when the request certainly had no effect:
 * it was never sent (no connection: refused, unroutable, connect timeout, or the deadline passed while the call
 * still waited for a connection) or the server rejected it before proposing it (invalid argument, permission,
 * quota, too many requests...). Everything else (deadline exceeded after sending, {@code UNAVAILABLE} from a
 * connection lost mid-call, etcd's "request timed out" / "leader changed", unknown errors) is {@code info}:
 * the write may or may not have happened.
 */
final class EtcdOutcome {

  /** Codes with which etcd (or gRPC) rejects a request before it can take effect. */
  private static final Set<Status.Code> REJECTED = EnumSet.of(Status.Code.INVALID_ARGUMENT,
      Status.Code.FAILED_PRECONDITION, Status.Code.PERMISSION_DENIED, Status.Code.UNAUTHENTICATED,
      Status.Code.RESOURCE_EXHAUSTED, Status.Code.OUT_OF_RANGE, Status.Code.UNIMPLEMENTED,
      Status.Code.NOT_FOUND, Status.Code.ALREADY_EXISTS);

  private EtcdOutcome() {}

  /** How a failed call completes: fail when it certainly had no effect, else info; both {@link #describe}d. */
  static Result result(Throwable error) {
    String what = describe(error);
    return neverTookEffect(error) ? Result.fail(what) : Result.info(what);
  }

  /** Whether the call certainly had no effect on the store. */
  static boolean neverTookEffect(Throwable error) {
    Status status = status(error);
    if (status == null) {
      // not a gRPC outcome: a client-side error before sending, unless it is our own time-out or cancel
      return !(root(error) instanceof TimeoutException || root(error) instanceof CancellationException);
    }
    if (REJECTED.contains(status.getCode()) || neverConnected(error)) {
      return true;
    }
    String description = String.valueOf(status.getDescription());
    return status.getCode() == Status.Code.DEADLINE_EXCEEDED
        && (description.contains("was_still_waiting") || description.contains("waiting_for_connection"));
  }

  /** A short text: the gRPC code and description (first line), or the exception, plus the connect error. */
  static String describe(Throwable error) {
    Status status = status(error);
    Throwable connect = connectError(error);
    String text = status != null ? status.getCode() + ": " + firstLine(status.getDescription())
        : root(error).getClass().getSimpleName() + ": " + firstLine(root(error).getMessage());
    return connect == null ? text : text + " (" + connect.getClass().getSimpleName() + ": "
        + firstLine(connect.getMessage()) + ")";
  }

  private static boolean neverConnected(Throwable error) {
    return connectError(error) != null;
  }

  private static Throwable connectError(Throwable error) {
    for (Throwable t = error; t != null; t = t.getCause()) {
      if (t instanceof ConnectException || t instanceof NoRouteToHostException || t instanceof UnknownHostException
          || t instanceof UnresolvedAddressException) {
        return t;
      }
    }
    return null;
  }

  /** The gRPC status somewhere in the cause chain, or {@code null} when there is none. */
  static Status status(Throwable error) {
    for (Throwable t = error; t != null; t = t.getCause()) {
      if (t instanceof StatusRuntimeException e) {
        return e.getStatus();
      }
      if (t instanceof StatusException e) {
        return e.getStatus();
      }
    }
    return null;
  }

  private static Throwable root(Throwable error) {
    Throwable t = error;
    while ((t instanceof java.util.concurrent.CompletionException
        || t instanceof java.util.concurrent.ExecutionException) && t.getCause() != null) {
      t = t.getCause();
    }
    return t;
  }

  private static String firstLine(String text) {
    if (text == null) {
      return "";
    }
    int newline = text.indexOf('\n');
    return newline < 0 ? text : text.substring(0, newline);
  }
}
