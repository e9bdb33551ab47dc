/** Where a scenario runs: the cluster and its kind node containers, the context guard, the run lease, the sweep and the residue check. */
package dev.shakedown.cluster;
