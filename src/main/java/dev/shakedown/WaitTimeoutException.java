package dev.shakedown;

import java.time.Duration;

/**
 * A bounded wait ran out: names what was awaited, the bound and the last value (or error) the probe saw.
 */
public class WaitTimeoutException extends ShakedownException {

  private final String what;
  private final Duration atMost;
  private final transient Object lastSeen;

  public WaitTimeoutException(String what, Duration atMost, Object lastSeen, String message, Throwable cause) {
    super(message, cause);
    this.what = what;
    this.atMost = atMost;
    this.lastSeen = lastSeen;
  }

  /** What was awaited, e.g. {@code pod ns/web-0 Ready}. */
  public String what() {
    return what;
  }

  public Duration atMost() {
    return atMost;
  }

  /** The last value the probe returned, or null when it never returned one. */
  public Object lastSeen() {
    return lastSeen;
  }
}
