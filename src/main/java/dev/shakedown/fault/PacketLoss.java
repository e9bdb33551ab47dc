package dev.shakedown.fault;

import java.util.List;
import java.util.Objects;

/**
 * Random packet loss in the chosen pods' network namespaces: each packet in and out is dropped with the given
 * probability (iptables {@code statistic --mode random}; this kernel has no netem). Healing deletes the chain.
 */
public final class PacketLoss implements Fault {

  private final PodTargets targets;
  private final double percent;

  PacketLoss(PodTargets targets, double percent) {
    this.targets = Objects.requireNonNull(targets, "targets");
    NetworkCommands.dropRandomly(percent);   // rejects a percentage outside (0, 100] before anything runs
    this.percent = percent;
  }

  @Override
  public String name() {
    return "packet-loss";
  }

  @Override
  public FaultHandle inject(FaultScope scope) {
    List<NetNamespace> hit = targets.select(scope).stream().map(p -> NetNamespace.ofPod(scope, name(), p)).toList();
    Chains chains = Chains.install(scope, name(), hit.stream().map(n -> new Chains.Entry(n,
        List.of(NetworkCommands.dropRandomly(percent)), List.of("INPUT", "OUTPUT"))).toList());
    return Handle.injected(scope, name(), targets + " " + percent + "% each way (chain " + chains.name() + ")",
        hit.stream().map(NetNamespace::label).toList(), chains::remove);
  }
}
