package dev.shakedown.check;

import dev.shakedown.history.History;
import dev.shakedown.history.Operation;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/** No write invoked inside a window was acknowledged inside it; see {@link Checkers#noWriteAcknowledgedBetween}. */
final class QuietWindowChecker implements Checker<History> {

  static final String CHECKER = "no-write-acknowledged";

  private final long fromNanos;
  private final long toNanos;

  QuietWindowChecker(long fromNanos, long toNanos) {
    if (toNanos <= fromNanos) {
      throw new IllegalArgumentException("the window must end after it begins: from " + fromNanos + " to " + toNanos
          + " (System.nanoTime(); take from after the fault is injected and to before it is healed)");
    }
    this.fromNanos = fromNanos;
    this.toNanos = toNanos;
  }

  @Override
  public Verdict check(History history) {
    Map<Integer, Operation> inFlight = new HashMap<>();
    Operation firstAcknowledged = null;
    long attempted = 0;
    long acknowledged = 0;
    long fail = 0;
    long info = 0;
    Verdict.Builder b = Verdict.builder(CHECKER);
    for (Operation op : history.snapshot()) {
      if (op.isInvoke()) {
        inFlight.put(op.process(), op);
        continue;
      }
      Operation invoke = inFlight.remove(op.process());
      if (invoke == null || !"write".equals(invoke.function()) || invoke.nanos() < fromNanos
          || invoke.nanos() >= toNanos) {
        continue;
      }
      attempted++;
      if (op.isOk() && op.nanos() < toNanos) {
        acknowledged++;
        firstAcknowledged = firstAcknowledged == null ? op : firstAcknowledged;
        b.offending(op);
      } else if (op.isFail()) {
        fail++;
      } else if (op.isInfo()) {
        info++;
      }
    }
    String window = Duration.ofNanos(toNanos - fromNanos).toString();
    b.count("attempted", attempted).count("acknowledged", acknowledged).count("fail", fail).count("info", info)
        .detail("window", window);
    if (attempted == 0) {
      return b.status(Verdict.Status.UNKNOWN).summary(CHECKER + " UNKNOWN: no write was invoked in the " + window
          + " window, so nothing shows whether the side answered").build();
    }
    if (acknowledged > 0) {
      return b.status(Verdict.Status.INVALID).summary(CHECKER + " INVALID: " + acknowledged + " of " + attempted
          + " writes invoked in the " + window + " window were acknowledged in it, e.g. " + firstAcknowledged).build();
    }
    return b.status(Verdict.Status.VALID).summary(CHECKER + " VALID: none of " + attempted + " writes invoked in the "
        + window + " window was acknowledged in it (" + fail + " fail, " + info + " info)").build();
  }
}
