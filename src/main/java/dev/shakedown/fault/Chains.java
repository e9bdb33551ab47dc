package dev.shakedown.fault;

import dev.shakedown.ShakedownException;
import dev.shakedown.cluster.ShakedownLabels;
import io.fabric8.kubernetes.api.model.Namespace;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One injection's iptables chain, installed in several network namespaces: each gets its own rules in a chain named
 * {@code SHKD-<run id>-<n>}, jumped to first from the hooks it names. Installing checks the rules are there
 * ({@code iptables -S}); removing deletes only this chain and its jumps, and checks they are gone. Every rule is
 * marked on the timeline (source {@code network}).
 */
final class Chains {

  private static final Logger LOG = LoggerFactory.getLogger(Chains.class);
  private static final AtomicInteger NEXT = new AtomicInteger();

  /** The rules for one namespace, and the hooks (INPUT, OUTPUT) that jump to them. */
  record Entry(NetNamespace netns, List<String> rules, List<String> hooks) {}

  private final FaultScope scope;
  private final String fault;
  private final String chain;
  private final List<Entry> installed = new ArrayList<>();

  private Chains(FaultScope scope, String fault, String chain) {
    this.scope = scope;
    this.fault = fault;
    this.chain = chain;
  }

  /** Installs every entry, or none: a failure part way removes what was already installed, then throws. */
  static Chains install(FaultScope scope, String fault, List<Entry> entries) {
    Chains chains = new Chains(scope, fault, NetworkCommands.chain(runId(scope), NEXT.incrementAndGet()));
    try {
      entries.forEach(chains::install);
    } catch (RuntimeException e) {
      try {
        chains.remove();
      } catch (RuntimeException rollback) {
        e.addSuppressed(rollback);
      }
      throw e;
    }
    return chains;
  }

  String name() {
    return chain;
  }

  private void install(Entry e) {
    e.netns().run(NetworkCommands.install(chain, e.rules(), e.hooks()));
    installed.add(e);
    String listed = e.netns().run(NetworkCommands.list());
    List<String> rules = NetworkCommands.rulesOf(listed, chain);
    long jumps = listed.lines().filter(l -> l.strip().matches("-A (INPUT|OUTPUT|FORWARD) -j " + chain)).count();
    if (rules.size() != e.rules().size() || jumps != e.hooks().size()) {
      throw new ShakedownException(fault + ": after installing chain " + chain + " in " + e.netns() + ", iptables -S"
          + " lists " + rules.size() + " of its " + e.rules().size() + " rules and " + jumps + " of its "
          + e.hooks().size() + " jumps:\n" + listed);
    }
    for (String rule : rules) {
      scope.timeline().mark("network", "rule").subject(e.netns().label()).detail(fault + ": " + rule + " (from "
          + String.join(", ", e.hooks()) + ")").record();
      LOG.info("{} {}: {}", fault, e.netns(), rule);
    }
  }

  /** Removes the chain from each namespace it was installed in; a pod that has died took its chain with it. */
  void remove() {
    List<String> left = new ArrayList<>();
    for (Entry e : installed) {
      if (e.netns().gone()) {
        scope.timeline().mark("network", "rule-removed").subject(e.netns().label())
            .detail(fault + ": " + chain + " went with the pod's network namespace").record();
        continue;
      }
      e.netns().run(NetworkCommands.remove(chain));
      if (NetworkCommands.chains(e.netns().run(NetworkCommands.list())).contains(chain)) {
        left.add(e.netns().toString());
      } else {
        scope.timeline().mark("network", "rule-removed").subject(e.netns().label()).detail(fault + ": " + chain)
            .record();
      }
    }
    if (!left.isEmpty()) {
      throw new ShakedownException(fault + ": chain " + chain + " is still listed after removing it in " + left);
    }
  }

  private static String runId(FaultScope scope) {
    try {
      Namespace ns = scope.client().namespaces().withName(scope.namespace()).get();
      return ns == null || ns.getMetadata().getLabels() == null ? null
          : ns.getMetadata().getLabels().get(ShakedownLabels.RUN);
    } catch (RuntimeException e) {
      return null;
    }
  }
}
