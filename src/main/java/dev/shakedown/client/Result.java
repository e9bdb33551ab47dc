package dev.shakedown.client;

import dev.shakedown.history.Operation;
import java.util.Objects;

/**
 * How a {@link Client} says an operation completed: {@link #ok}, {@link #fail} (it certainly did not happen) or
 * {@link #info} (unknown).
 *
 * @param type OK, FAIL or INFO
 * @param value the value read (for a read: every value, joined by {@code ,}), or {@code null} to keep the op's own
 * @param servedBy the pod or member that served it, when known
 * @param error the error text of a fail / info
 */
public record Result(Operation.Type type, String value, String servedBy, String error) {

  public Result {
    Objects.requireNonNull(type, "type");
    if (type == Operation.Type.INVOKE) {
      throw new IllegalArgumentException("a result is ok, fail or info, not invoke");
    }
  }

  /** It happened; the op's own value is recorded. */
  public static Result ok() {
    return new Result(Operation.Type.OK, null, null, null);
  }

  /** It happened, served by {@code servedBy}; {@code value} is what was read (null keeps the op's value). */
  public static Result ok(String value, String servedBy) {
    return new Result(Operation.Type.OK, value, servedBy, null);
  }

  /** It certainly did not happen (the server never saw it, or refused it). */
  public static Result fail(String error) {
    return new Result(Operation.Type.FAIL, null, null, Objects.requireNonNull(error, "error"));
  }

  /** Unknown whether it happened. */
  public static Result info(String error) {
    return new Result(Operation.Type.INFO, null, null, Objects.requireNonNull(error, "error"));
  }
}
