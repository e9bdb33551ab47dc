package dev.shakedown.check;

import dev.shakedown.history.Operation;
import java.time.Duration;

/**
 * A write the system acknowledged (an {@code OK} completion), or whose outcome was unknown but that a final read
 * showed (the read is then its acknowledgement), as listed when it went missing.
 *
 * @param value the value written
 * @param acknowledgement the {@code OK} operation; its {@code nanos} is when the client saw the ack
 * @param sinceStart how long after the first operation of the history it was acknowledged
 */
public record AcknowledgedWrite(String value, Operation acknowledgement, Duration sinceStart) {

  /** {@link System#nanoTime()} when the acknowledgement was recorded. */
  public long acknowledgedNanos() {
    return acknowledgement.nanos();
  }

  @Override
  public String toString() {
    return value + " (op #" + acknowledgement.index() + ", acknowledged at +" + sinceStart.toMillis() + " ms)";
  }
}
