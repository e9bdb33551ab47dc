package dev.shakedown.history;

import java.time.Instant;

/**
 * One thing that happened during a scenario.
 *
 * @param recordedNanos {@link System#nanoTime()} when the harness recorded it (same clock as operations)
 * @param recordedAt wall-clock time when recorded
 * @param apiTime the time the API server gave the event, when known, else {@code null}
 * @param source where it came from: {@code pod}, {@code node}, {@code event}, {@code fault}, {@code probe}, {@code phase}
 * @param kind short verb, e.g. {@code ADDED}, {@code NotReady}, {@code inject}, {@code heal}
 * @param subject the resource it concerns, e.g. {@code pod/ns/name} or {@code node/shakedown-worker}
 * @param detail free text
 */
public record TimelineEvent(long recordedNanos, Instant recordedAt, Instant apiTime, String source, String kind,
    String subject, String detail) {

  /**
   * How much later the harness recorded this than the API server timestamped it, or {@code null} without an
   * API time. Most API times have one-second resolution (event {@code eventTime}: microseconds).
   */
  public java.time.Duration lag() {
    return apiTime == null ? null : java.time.Duration.between(apiTime, recordedAt);
  }
}
