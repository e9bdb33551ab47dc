/**
 * What a scenario keeps busy and records: {@link dev.shakedown.workload.Workload}s made by
 * {@link dev.shakedown.workload.Workloads} (a stateless HTTP service, a StatefulSet key-value store), the
 * {@link dev.shakedown.workload.LoadClient} that drives them at a bounded rate through a NodePort, and the
 * append-only {@link dev.shakedown.workload.History} of its {@link dev.shakedown.workload.Operation}s.
 */
package dev.shakedown.workload;
