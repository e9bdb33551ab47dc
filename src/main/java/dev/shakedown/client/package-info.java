/**
 * How a workload is kept busy: the {@link dev.shakedown.client.Client} SPI (one operation:
 * {@code invoke(Op) → Result}, on Jepsen's protocol), {@link dev.shakedown.client.Load} (the only scheduler: rate,
 * processes, skipped ticks, bounds, the history) and {@link dev.shakedown.client.Generators}.
 */
package dev.shakedown.client;
