package dev.shakedown;

/**
 * Root of Shakedown's unchecked exception family. Messages name the resource kind, namespace and name,
 * what was expected, and the timeout that elapsed, so a failed scenario reads without a stack trace.
 */
public class ShakedownException extends RuntimeException {

  public ShakedownException(String message) {
    super(message);
  }

  public ShakedownException(String message, Throwable cause) {
    super(message, cause);
  }
}
