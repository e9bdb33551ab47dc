/**
 * What is deployed: the {@link dev.shakedown.workload.Workload} SPI, the workload image
 * ({@link dev.shakedown.workload.Workloads#image()}), how the test JVM reaches a workload
 * ({@link dev.shakedown.workload.Endpoints}, {@link dev.shakedown.workload.NodePortEndpoints}) and the generic
 * Kubernetes pieces the systems share (apply, readiness, pod exec, one-shot Jobs). One package per system sits on
 * it: {@code web}, {@code etcd}, {@code postgres}.
 */
package dev.shakedown.workload;
