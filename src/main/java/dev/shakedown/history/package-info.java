/**
 * What happened, as recorded facts: the append-only {@link dev.shakedown.history.History} of client
 * {@link dev.shakedown.history.Operation}s (invoke → ok / fail / info), the checksummed values writers store, and
 * the {@link dev.shakedown.history.Timeline} of cluster events, fault marks and phases. Checkers read only these.
 */
package dev.shakedown.history;
