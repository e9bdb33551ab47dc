package dev.shakedown.check;

import dev.shakedown.history.Operation;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The outages of one history: each maximal run of non-OK completions ({@code fail} or {@code info}), from the last
 * OK before it to the first OK after it. An outage still running at the end runs to the last completion.
 */
public final class Outages {

  /**
   * One outage. {@code fromNanos} is the last OK before {@code firstFailure} (the history's first operation when
   * there was none), {@code toNanos} the next OK, or the last completion when not {@code ended}.
   */
  public record Outage(Operation firstFailure, long fromNanos, long toNanos, boolean ended) {

    /** {@code toNanos - fromNanos}, never negative. */
    public Duration length() {
      return Duration.ofNanos(Math.max(0, toNanos - fromNanos));
    }
  }

  private Outages() {}

  /** The outages of {@code ops} (in history order; invokes are ignored), in time order. */
  public static List<Outage> of(List<Operation> ops) {
    List<Outage> outages = new ArrayList<>();
    long lastOk = ops.isEmpty() ? 0 : ops.get(0).nanos();
    long lastCompletion = lastOk;
    Operation firstFailure = null;
    for (Operation op : ops) {
      if (op.isInvoke()) {
        continue;
      }
      lastCompletion = op.nanos();
      if (op.isOk()) {
        if (firstFailure != null) {
          outages.add(new Outage(firstFailure, lastOk, op.nanos(), true));
          firstFailure = null;
        }
        lastOk = op.nanos();
      } else if (firstFailure == null) {
        firstFailure = op;
      }
    }
    if (firstFailure != null) {
      outages.add(new Outage(firstFailure, lastOk, lastCompletion, false));
    }
    return outages;
  }
}
