package dev.shakedown.history;

import java.util.Objects;

/**
 * One recorded step of a client, in the style of a Jepsen history entry: an {@link Type#INVOKE} is later
 * completed by an {@link Type#OK}, {@link Type#FAIL} or {@link Type#INFO} with the same {@code process}.
 *
 * @param index position in the history (assigned by {@link History})
 * @param process the logical client that issued it; one operation in flight per process
 * @param type invoke, ok, fail or info
 * @param function what was asked, e.g. {@code "write"}, {@code "read"}, {@code "get"}
 * @param value the value written or read (may be {@code null}); a final read carries its values joined by {@code ,}
 * @param nanos {@link System#nanoTime()} when recorded
 * @param servedBy the pod that served the request when known, else {@code null}
 * @param error the error text of a fail / info, else {@code null}
 */
public record Operation(long index, int process, Type type, String function, String value, long nanos,
    String servedBy, String error) {

  /** The four kinds of history entries. */
  public enum Type { INVOKE, OK, FAIL, INFO }

  public Operation {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(function, "function");
  }

  public boolean isInvoke() { return type == Type.INVOKE; }

  public boolean isOk() { return type == Type.OK; }

  public boolean isFail() { return type == Type.FAIL; }

  public boolean isInfo() { return type == Type.INFO; }

  /** Same operation at another index, used when a history is appended to. */
  Operation withIndex(long newIndex) {
    return new Operation(newIndex, process, type, function, value, nanos, servedBy, error);
  }
}
