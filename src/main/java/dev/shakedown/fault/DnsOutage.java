package dev.shakedown.fault;

import java.util.List;
import java.util.Objects;

/**
 * DNS stops answering the chosen pods: their network namespaces drop every packet to port 53 (UDP and TCP), so
 * name lookups time out while connections by IP keep working. CoreDNS itself is untouched, and so is every other
 * pod. Healing deletes the chain.
 */
public final class DnsOutage implements Fault {

  private final PodTargets targets;

  DnsOutage(PodTargets targets) {
    this.targets = Objects.requireNonNull(targets, "targets");
  }

  @Override
  public String name() {
    return "dns-outage";
  }

  @Override
  public FaultHandle inject(FaultScope scope) {
    List<NetNamespace> hit = targets.select(scope).stream().map(p -> NetNamespace.ofPod(scope, name(), p)).toList();
    Chains chains = Chains.install(scope, name(), hit.stream()
        .map(n -> new Chains.Entry(n, NetworkCommands.dropDns(), List.of("OUTPUT"))).toList());
    return Handle.injected(scope, name(), targets + " port 53 dropped (chain " + chains.name() + ")",
        hit.stream().map(NetNamespace::label).toList(), chains::remove);
  }
}
