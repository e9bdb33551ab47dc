package dev.shakedown.fault;

import dev.shakedown.ShakedownException;

/** A target selection that cannot be satisfied: invalid parameters, missing resources, too few candidates. */
public class TargetException extends ShakedownException {

  public TargetException(String message) {
    super(message);
  }
}
