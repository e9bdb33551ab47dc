/** Shakedown: chaos and disaster-recovery rehearsals for Kubernetes, written as JUnit tests. The root holds the exception family ({@link dev.shakedown.ShakedownException}, {@link dev.shakedown.WaitTimeoutException}). */
package dev.shakedown;
