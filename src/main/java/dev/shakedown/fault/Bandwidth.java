package dev.shakedown.fault;

import dev.shakedown.ShakedownException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A bandwidth cap on what the chosen pods send: a token-bucket ({@code tbf}) root qdisc on their {@code eth0}.
 * Injection checks {@code tc} lists it; healing deletes it and checks it is gone. (Egress only: the pod's replies and
 * uploads are slowed, downloads to it are not.)
 */
public final class Bandwidth implements Fault {

  static final String DEVICE = "eth0";

  private final PodTargets targets;
  private final long kbit;

  Bandwidth(PodTargets targets, long kbitPerSecond) {
    this.targets = Objects.requireNonNull(targets, "targets");
    NetworkCommands.limit(DEVICE, kbitPerSecond);   // rejects a rate <= 0 before anything runs
    this.kbit = kbitPerSecond;
  }

  @Override
  public String name() {
    return "bandwidth";
  }

  @Override
  public FaultHandle inject(FaultScope scope) {
    List<NetNamespace> hit = targets.select(scope).stream().map(p -> NetNamespace.ofPod(scope, name(), p)).toList();
    List<NetNamespace> limited = new ArrayList<>();
    try {
      for (NetNamespace n : hit) {
        n.run(NetworkCommands.limit(DEVICE, kbit));
        limited.add(n);
        String shown = n.run(NetworkCommands.showQdisc(DEVICE));
        if (!shown.contains("tbf")) {
          throw new ShakedownException(name() + ": no tbf qdisc on " + n + " " + DEVICE + " after adding it: " + shown);
        }
        scope.timeline().mark("network", "rule").subject(n.label()).detail(name() + ": " + shown.strip()).record();
      }
    } catch (RuntimeException e) {
      limited.forEach(n -> n.run(NetworkCommands.unlimit(DEVICE)));
      throw e;
    }
    return Handle.injected(scope, name(), targets + " " + kbit + " kbit/s out of " + DEVICE,
        hit.stream().map(NetNamespace::label).toList(), () -> heal(scope, limited));
  }

  private void heal(FaultScope scope, List<NetNamespace> limited) {
    for (NetNamespace n : limited) {
      if (n.gone()) {
        continue;
      }
      n.run(NetworkCommands.unlimit(DEVICE));
      String shown = n.run(NetworkCommands.showQdisc(DEVICE));
      if (shown.contains("tbf")) {
        throw new ShakedownException(name() + ": the tbf qdisc is still on " + n + " " + DEVICE + ": " + shown);
      }
      scope.timeline().mark("network", "rule-removed").subject(n.label()).detail(name() + ": tbf deleted").record();
    }
  }
}
