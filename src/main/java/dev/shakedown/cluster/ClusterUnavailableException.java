package dev.shakedown.cluster;

import dev.shakedown.ShakedownException;

/** The cluster cannot be used: its context is unknown, its API server does not answer in time, or it cannot be created. */
public final class ClusterUnavailableException extends ShakedownException {

  public ClusterUnavailableException(String message) {
    super(message);
  }

  public ClusterUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }
}
