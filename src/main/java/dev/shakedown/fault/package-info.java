/**
 * What goes wrong: a {@link dev.shakedown.fault.Fault} (one small class each, made by
 * {@link dev.shakedown.fault.Faults}) picks its targets through {@link dev.shakedown.fault.Targets} from the
 * scenario's seeded random source, marks the timeline, and returns a {@link dev.shakedown.fault.FaultHandle}
 * that heals on {@code close()} (idempotent) and is registered with the scenario so it heals even when the
 * test fails.
 */
package dev.shakedown.fault;
