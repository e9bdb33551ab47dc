package dev.shakedown.cluster;

/**
 * Labels and annotations by which Shakedown finds what it created or changed, so that a later run can sweep
 * what a killed run left behind.
 */
public final class ShakedownLabels {

  /** Label on namespaces and run leases: the run that created them. */
  public static final String RUN = "shakedown.dev/run";
  /** Label {@code "true"} on every namespace the harness creates (and so may delete). */
  public static final String MANAGED = "shakedown.dev/managed";
  /** Label on per-test namespaces: the test's slug. */
  public static final String TEST = "shakedown.dev/test";
  /** Label {@code "true"} on the Lease that shows a run is alive. */
  public static final String RUN_LEASE = "shakedown.dev/run-lease";
  /**
   * Annotation {@code "true"} a fault puts on a node it cordons; a cordoned node carrying it is uncordoned by the
   * sweep. Faults should also annotate the node with {@link #RUN} = the run id, so a concurrent run is not blamed.
   */
  public static final String CORDONED = "shakedown.dev/cordoned";
  /**
   * Annotation {@code "true"} on a node Shakedown labelled {@code node.kubernetes.io/exclude-from-external-load-balancers}
   * ({@link NodeMarks#excludeFromLoadBalancers}); the sweep takes both off a node a killed run left excluded.
   */
  public static final String EXCLUDED = "shakedown.dev/excluded-from-load-balancers";
  /** Annotation: which process created the object, {@code host/pid/processStartMillis}. */
  public static final String OWNER = "shakedown.dev/owner";

  /**
   * Prefix of every iptables chain a network fault creates ({@code SHKD-<run id>-<n>}), in a pod's or a node's
   * network namespace; the sweep deletes such chains (and their jumps) that a killed run left behind.
   */
  public static final String CHAIN_PREFIX = "SHKD-";

  private ShakedownLabels() {}
}
