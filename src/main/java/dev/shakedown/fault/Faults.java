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

  /**
   * SIGKILLs a container's main process from its node (no graceful shutdown); heals when the kubelet has restarted
   * it in the same pod and it is Ready (see {@link ContainerCrash}).
   */
  public static ContainerCrash containerCrash(PodTargets targets) {
    return new ContainerCrash(targets);
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

  /**
   * Flips random bytes of a file on a claim's volume, inside the node holding it; not healable (see
   * {@link FlipBytes}).
   */
  public static FlipBytes flipBytes(VolumeFile file) {
    return new FlipBytes(file);
  }

  /** Truncates a file on a claim's volume (default: to half its size); not healable. */
  public static TruncateFile truncateFile(VolumeFile file) {
    return new TruncateFile(file);
  }

  /** Deletes a file from a claim's volume; not healable. */
  public static DeleteFile deleteFile(VolumeFile file) {
    return new DeleteFile(file);
  }

  /** Deletes everything on the volume of claim {@code claim} (in the scenario's namespace); not healable. */
  public static WipeVolume wipeVolume(String claim) {
    return new WipeVolume(claim);
  }

  /**
   * A network partition: side A (these pods) against the side given to {@code from(...)}, both directions by default
   * ({@link Partition#oneWay()} for one). See {@link Partition}.
   *
   * <pre>{@code Faults.partition(Targets.pods(etcd).minority()).from(Targets.pods(etcd).all()) }</pre>
   */
  public static Partition.Side partition(PodTargets sideA) {
    return Partition.pods(sideA);
  }

  /** A network partition between nodes (their own namespaces: kubelet, hostNetwork pods), by InternalIP. */
  public static Partition.Side partition(NodeTargets sideA) {
    return Partition.nodes(sideA);
  }

  /** The chosen pods cut from every other Running pod of the scenario's namespace. */
  public static Partition isolate(PodTargets targets) {
    return Partition.isolate(targets);
  }

  /** The chosen nodes cut from every other node (the control plane included). */
  public static Partition isolate(NodeTargets targets) {
    return Partition.isolate(targets);
  }

  /** The workload's pods split into two seeded halves ({@code n / 2} against the rest), cut from each other. */
  public static Partition halves(dev.shakedown.workload.Workload workload) {
    return Partition.split(Targets.pods(workload).all(), Pick.half(), "halves");
  }

  /** The workload's pods split into a seeded minority ({@code (n - 1) / 2}) and the majority, cut from each other. */
  public static Partition majorityMinority(dev.shakedown.workload.Workload workload) {
    return Partition.split(Targets.pods(workload).all(), Pick.minority(), "minority | majority");
  }

  /** Drops each packet in and out of the chosen pods with probability {@code percent} (within (0, 100]). */
  public static PacketLoss packetLoss(PodTargets targets, double percent) {
    return new PacketLoss(targets, percent);
  }

  /** Caps what the chosen pods send at {@code kbitPerSecond} (a tbf qdisc on eth0). */
  public static Bandwidth bandwidth(PodTargets targets, long kbitPerSecond) {
    return new Bandwidth(targets, kbitPerSecond);
  }

  /** Name lookups from the chosen pods time out: their packets to port 53 are dropped. */
  public static DnsOutage dnsOutage(PodTargets targets) {
    return new DnsOutage(targets);
  }

  /** Stops the kubelet on the chosen nodes; heals by starting it and waiting for the node to be Ready. */
  public static KubeletStop kubeletStop(NodeTargets targets) {
    return new KubeletStop(targets);
  }

  /**
   * Takes a control-plane component down (its static-pod manifest held out of the kubelet's directory); heals by
   * putting it back and waiting until it serves. {@code Faults.controlPlaneOutage(Component.API_SERVER)}.
   */
  public static ControlPlaneOutage controlPlaneOutage(ControlPlaneOutage.Component component) {
    return new ControlPlaneOutage(component);
  }

  /**
   * A Toxiproxy in front of the Service {@code service} (scenario namespace) that delays every response by
   * {@code latency}; see {@link ServiceToxic}.
   */
  public static ServiceToxic latency(String service, java.time.Duration latency) {
    return ServiceToxic.latency(service, latency, java.time.Duration.ZERO);
  }

  /** As {@link #latency(String, java.time.Duration)}, plus or minus {@code jitter}. */
  public static ServiceToxic latency(String service, java.time.Duration latency, java.time.Duration jitter) {
    return ServiceToxic.latency(service, latency, jitter);
  }

  /**
   * Any Toxiproxy toxic in front of the Service: {@code timeout} ({@code timeout=<ms>}), {@code reset_peer}
   * ({@code timeout=<ms>}), {@code slow_close} ({@code delay=<ms>}), {@code bandwidth} ({@code rate=<KB/s>}),
   * {@code slicer}, {@code limit_data}, {@code latency}; on the responses (use {@code upstream()} for the requests).
   */
  public static ServiceToxic toxic(String service, String type, java.util.Map<String, Long> attributes) {
    return new ServiceToxic(service, type, attributes, "downstream");
  }

  /**
   * Fills the chosen pods' volume {@code volume} (an emptyDir of its own size, or a claim) until only
   * {@code leaving(bytes)} are free; heals by deleting the filler. See {@link FillVolume}.
   */
  public static FillVolume fillVolume(PodTargets targets, String volume) {
    return new FillVolume(targets, volume);
  }
}
