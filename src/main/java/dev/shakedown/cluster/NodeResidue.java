package dev.shakedown.cluster;

import java.util.ArrayList;
import java.util.List;

/**
 * What a fault may leave inside a kind node container when its run is killed mid-fault, and how the sweep puts it
 * back: iptables chains named {@link ShakedownLabels#CHAIN_PREFIX} in the node's or any pod's network namespace, a
 * stopped kubelet, and a control-plane static-pod manifest held out of {@code /etc/kubernetes/manifests}.
 */
public final class NodeResidue {

  /** Where a control-plane fault keeps the manifests it took out of the kubelet's static-pod directory. */
  public static final String HELD_MANIFESTS = "/etc/kubernetes/shakedown-held";
  /** Name prefix of the file a volume-filling fault leaves in a volume's directory. */
  public static final String FILLER_PREFIX = ".shakedown-fill-";
  /** The kubelet's static-pod directory on a kind node. */
  public static final String MANIFESTS = "/etc/kubernetes/manifests";

  private NodeResidue() {}

  /**
   * Restores one running node; returns one line per thing put back. Chains are removed from the node's own network
   * namespace and from every running container's (each namespace once).
   */
  public static List<String> restore(Node node) {
    List<String> actions = new ArrayList<>();
    String moved = node.exec("sh", "-c", "cd " + HELD_MANIFESTS + " 2>/dev/null || exit 0; for f in *.yaml; do"
        + " [ -e \"$f\" ] && mv \"$f\" " + MANIFESTS + "/ && echo \"$f\"; done; true");
    moved.lines().filter(l -> !l.isBlank()).forEach(f -> actions.add("moved " + f.strip() + " back into "
        + MANIFESTS + " on " + node));
    String kubelet = node.exec("sh", "-c", "systemctl is-active --quiet kubelet && echo active"
        + " || { systemctl start kubelet && echo started; }").strip();
    if (kubelet.equals("started")) {
      actions.add("started the kubelet on " + node);
    }
    String fillers = node.exec("sh", "-c", "find /var/lib/kubelet/pods /var/local-path-provisioner -maxdepth 5 -name '"
        + FILLER_PREFIX + "*' -print -delete 2>/dev/null; true");
    fillers.lines().filter(l -> !l.isBlank()).forEach(f -> actions.add("deleted volume filler " + f.strip() + " on "
        + node));
    String removed = node.exec("sh", "-c", REMOVE_CHAINS);
    removed.lines().filter(l -> !l.isBlank()).forEach(l -> actions.add("removed iptables chain " + l.strip()
        + " on " + node));
    return actions;
  }

  /**
   * For the node's namespace (PID 1) and each running containerd task's, once per namespace: delete every jump to a
   * Shakedown chain, then the chain; prints {@code <chain> in <namespace>} for each.
   */
  static final String REMOVE_CHAINS = "seen=' '; for p in 1 $(ctr -n k8s.io task ls 2>/dev/null | awk 'NR>1 && $3==\"RUNNING\""
      + " {print $2}'); do n=$(readlink /proc/$p/ns/net 2>/dev/null) || continue; case \"$seen\" in *\" $n \"*) continue;;"
      + " esac; seen=\"$seen$n \"; rules=$(nsenter -t $p -n iptables -w -S 2>/dev/null) || continue;"
      + " echo \"$rules\" | grep -E '^-A [A-Z]+ -j " + ShakedownLabels.CHAIN_PREFIX + "' | sed 's/^-A/-D/' |"
      + " while read -r r; do nsenter -t $p -n iptables -w $r; done;"
      + " for c in $(echo \"$rules\" | awk '$1==\"-N\" && index($2,\"" + ShakedownLabels.CHAIN_PREFIX + "\")==1"
      + " {print $2}'); do nsenter -t $p -n iptables -w -F $c; nsenter -t $p -n iptables -w -X $c"
      + " && echo \"$c in $n\"; done; done; true";
}
