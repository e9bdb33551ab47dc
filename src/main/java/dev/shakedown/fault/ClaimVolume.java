package dev.shakedown.fault;

import io.fabric8.kubernetes.api.model.NodeSelectorRequirement;
import io.fabric8.kubernetes.api.model.NodeSelectorTerm;
import io.fabric8.kubernetes.api.model.PersistentVolume;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.PersistentVolumeSpec;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.List;
import java.util.Objects;

/**
 * Where a PersistentVolumeClaim's data lives on a kind node: the bound PersistentVolume's {@code hostPath} or
 * {@code local} path, on the node named by the volume's {@code kubernetes.io/hostname} node affinity (what the
 * default {@code standard} StorageClass, local-path, provisions: {@code /var/local-path-provisioner/<pv>_<ns>_<pvc>}
 * inside the node container).
 *
 * @param namespace the claim's namespace
 * @param claim the claim's name
 * @param volume the bound PersistentVolume's name
 * @param node the node holding the data
 * @param path the volume's root directory inside the node container
 */
public record ClaimVolume(String namespace, String claim, String volume, String node, String path) {

  static final String HOSTNAME_KEY = "kubernetes.io/hostname";

  public ClaimVolume {
    Objects.requireNonNull(namespace, "namespace");
    Objects.requireNonNull(claim, "claim");
    Objects.requireNonNull(volume, "volume");
    Objects.requireNonNull(node, "node");
    Objects.requireNonNull(path, "path");
  }

  /**
   * Resolves {@code namespace/claim} through the API server.
   *
   * @throws TargetException naming the claim (and volume) when it is missing, unbound, not node-local or not pinned
   */
  public static ClaimVolume resolve(KubernetesClient client, String namespace, String claim) {
    String what = "PersistentVolumeClaim " + namespace + "/" + claim;
    PersistentVolumeClaim pvc = client.persistentVolumeClaims().inNamespace(namespace).withName(claim).get();
    if (pvc == null) {
      throw new TargetException(what + " not found");
    }
    String pvName = pvc.getSpec() == null ? null : pvc.getSpec().getVolumeName();
    if (pvName == null || pvName.isEmpty()) {
      throw new TargetException(what + ": expected it bound to a volume, but it is "
          + (pvc.getStatus() == null ? "unbound" : pvc.getStatus().getPhase()) + " (no pod has used it yet?)");
    }
    PersistentVolume pv = client.persistentVolumes().withName(pvName).get();
    if (pv == null || pv.getSpec() == null) {
      throw new TargetException(what + ": its PersistentVolume " + pvName + " not found");
    }
    String path = path(pv.getSpec());
    if (path == null) {
      throw new TargetException(what + ": PersistentVolume " + pvName + " has neither hostPath nor local path; only"
          + " node-local volumes (StorageClass standard / local-path) can be corrupted from the node");
    }
    String node = node(pv.getSpec());
    if (node == null) {
      throw new TargetException(what + ": PersistentVolume " + pvName + " has no required node affinity on "
          + HOSTNAME_KEY + "; cannot tell which node holds " + path);
    }
    return new ClaimVolume(namespace, claim, pvName, node, path);
  }

  /** The absolute path of {@code relative} (already validated) inside the volume. */
  public String resolve(String relative) {
    return relative.isEmpty() ? path : path + "/" + relative;
  }

  /** {@code PersistentVolumeClaim <ns>/<claim> (volume <pv> at <path> on node/<node>)}, for messages. */
  public String describe() {
    return "PersistentVolumeClaim " + namespace + "/" + claim + " (volume " + volume + " at " + path + " on node/"
        + node + ")";
  }

  private static String path(PersistentVolumeSpec spec) {
    if (spec.getHostPath() != null && spec.getHostPath().getPath() != null) {
      return stripTrailingSlash(spec.getHostPath().getPath());
    }
    if (spec.getLocal() != null && spec.getLocal().getPath() != null) {
      return stripTrailingSlash(spec.getLocal().getPath());
    }
    return null;
  }

  private static String node(PersistentVolumeSpec spec) {
    if (spec.getNodeAffinity() == null || spec.getNodeAffinity().getRequired() == null) {
      return null;
    }
    List<NodeSelectorTerm> terms = spec.getNodeAffinity().getRequired().getNodeSelectorTerms();
    for (NodeSelectorTerm term : terms == null ? List.<NodeSelectorTerm>of() : terms) {
      for (NodeSelectorRequirement r : term.getMatchExpressions() == null ? List.<NodeSelectorRequirement>of()
          : term.getMatchExpressions()) {
        if (HOSTNAME_KEY.equals(r.getKey()) && "In".equals(r.getOperator()) && r.getValues() != null
            && r.getValues().size() == 1) {
          return r.getValues().get(0);
        }
      }
    }
    return null;
  }

  private static String stripTrailingSlash(String p) {
    return p.length() > 1 && p.endsWith("/") ? p.substring(0, p.length() - 1) : p;
  }
}
