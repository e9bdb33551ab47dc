package dev.shakedown.postgres;

import java.time.Duration;
import java.util.Objects;

/**
 * A PostgreSQL base backup ({@code pg_basebackup -X stream}) kept in its own claim, as {@code pgdata/} at the
 * root of that volume.
 *
 * @param namespace where the claims live
 * @param claim the backup's claim
 * @param node the node holding both the backup and the data volume (local volumes: a restore must run there)
 * @param startedNanos {@link System#nanoTime()} just before the backup was started: every write acknowledged
 *     before it is in the backup, so it is the cut for {@code Checkers.noLostWritesAcknowledgedBefore}
 * @param finishedNanos {@link System#nanoTime()} once the backup had completed
 * @param log the backup Job's output
 */
public record BaseBackup(String namespace, String claim, String node, long startedNanos, long finishedNanos,
    String log) {

  public BaseBackup {
    Objects.requireNonNull(namespace, "namespace");
    Objects.requireNonNull(claim, "claim");
    Objects.requireNonNull(node, "node");
  }

  /** How long the backup took, Job scheduling included. */
  public Duration took() {
    return Duration.ofNanos(finishedNanos - startedNanos);
  }
}
