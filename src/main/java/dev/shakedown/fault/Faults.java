package dev.shakedown.fault;

/**
 * Static factories for the faults Shakedown ships. Each returns a configurable {@link Fault}; inject it
 * with {@code fault.inject(ctx)} and close the returned handle (or let the scenario close it) to heal.
 *
 * <pre>{@code
 * try (FaultHandle kill = Faults.podKill(Targets.pods(web).one()).inject(ctx)) {
 *   // hold
 * }
 * }</pre>
 */
public final class Faults {

  private Faults() {}

  /** Deletes pods with grace period 0; heals when their controllers have replaced them. */
  public static PodKill podKill(PodTargets targets) {
    return new PodKill(targets);
  }

  /** Kills a container's main process; the kubelet restarts it in the same pod. */
  public static ContainerKill containerKill(PodTargets targets) {
    return new ContainerKill(targets);
  }

  /** Cordons nodes and evicts their pods honouring PodDisruptionBudgets; heals by uncordoning. */
  public static NodeDrain nodeDrain(NodeTargets targets) {
    return new NodeDrain(targets);
  }

  /** {@code docker stop} of kind node containers; heals by starting them and waiting for Ready. */
  public static NodeFault nodeStop(NodeTargets targets) {
    return new NodeFault(NodeFault.Action.STOP, targets);
  }

  /** {@code docker kill} of kind node containers; heals by starting them and waiting for Ready. */
  public static NodeFault nodeKill(NodeTargets targets) {
    return new NodeFault(NodeFault.Action.KILL, targets);
  }

  /** {@code docker pause} of kind node containers; heals by unpausing them and waiting for Ready. */
  public static NodeFault nodePause(NodeTargets targets) {
    return new NodeFault(NodeFault.Action.PAUSE, targets);
  }
}
