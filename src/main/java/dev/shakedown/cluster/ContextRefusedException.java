package dev.shakedown.cluster;

import dev.shakedown.ShakedownException;

/** A kubeconfig context is not allow-listed, so Shakedown refuses to act on its cluster. */
public final class ContextRefusedException extends ShakedownException {

  private final String context;

  public ContextRefusedException(String context, String message) {
    super(message);
    this.context = context;
  }

  /** The refused kubeconfig context. */
  public String context() {
    return context;
  }
}
