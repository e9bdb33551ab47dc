/**
 * Node maintenance rehearsals: {@link dev.shakedown.maintenance.CapacityCheck} answers, before anything moves,
 * whether each node's pods would fit on the other schedulable nodes; {@link dev.shakedown.maintenance.RollingMaintenance}
 * drains, restarts and uncordons the nodes one at a time under load and records what each step did.
 */
package dev.shakedown.maintenance;
