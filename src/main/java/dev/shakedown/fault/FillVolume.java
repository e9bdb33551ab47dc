package dev.shakedown.fault;

import dev.shakedown.ShakedownException;
import dev.shakedown.cluster.Node;
import dev.shakedown.cluster.NodeResidue;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Volume;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Fills a pod's volume until only {@link #leaving(long)} bytes are free: a filler file ({@code fallocate}) in the
 * volume's directory on its kind node. Only a volume that is a filesystem of its own is filled (an emptyDir with
 * {@code medium: Memory} and a {@code sizeLimit}, or a claim on a volume with its own size); one that lives on the
 * node's filesystem is refused, because filling it would fill the disk of every pod and of the host. Injection checks
 * {@code df}; healing deletes the filler and checks the space is back. A killed run's filler is deleted by the sweep.
 */
public final class FillVolume implements Fault {

  /** How far above {@code leaving} the free space may stay: a writer on the volume races the fill. */
  static final long SLACK = 1024 * 1024;

  private final PodTargets targets;
  private final String volume;
  private long leave;

  FillVolume(PodTargets targets, String volume) {
    this.targets = Objects.requireNonNull(targets, "targets");
    this.volume = Objects.requireNonNull(volume, "volume");
  }

  /** Bytes left free (default 0). */
  public FillVolume leaving(long bytes) {
    if (bytes < 0) {
      throw new TargetException("bytes left free must be >= 0, was " + bytes);
    }
    this.leave = bytes;
    return this;
  }

  @Override
  public String name() {
    return "fill-volume";
  }

  @Override
  public FaultHandle inject(FaultScope scope) {
    List<Runnable> heals = new ArrayList<>();
    List<String> hit = new ArrayList<>();
    try {
      for (Pod pod : targets.select(scope)) {
        String label = "pod/" + pod.getMetadata().getNamespace() + "/" + pod.getMetadata().getName();
        Node node = scope.requireCluster(name()).node(pod.getSpec().getNodeName());
        if (node == null) {
          throw new TargetException(label + ": node " + pod.getSpec().getNodeName() + " is not a kind container");
        }
        String dir = directory(scope, pod, label);
        long[] before = free(node, dir, label);
        String filler = dir + "/" + NodeResidue.FILLER_PREFIX + scope.random().nextInt(1_000_000);
        node.exec("sh", "-c", fill(dir, filler));
        heals.add(() -> heal(scope, node, dir, filler, before[0], label));
        long after = free(node, dir, label)[0];
        if (after > leave + SLACK) {
          throw new ShakedownException(name() + ": " + label + " volume " + volume + " still has " + after
              + " bytes free after the fill, expected at most " + leave);
        }
        hit.add(label + "/" + volume);
        scope.timeline().mark("volume", "filled").subject(label).detail(volume + ": " + before[0] + " -> " + after
            + " bytes free").record();
      }
    } catch (RuntimeException e) {
      heals.forEach(Runnable::run);
      throw e;
    }
    return Handle.injected(scope, name(), targets + " volume " + volume + " leaving " + leave + " bytes", hit,
        () -> heals.forEach(Runnable::run));
  }

  /**
   * Reads the free space and allocates it less {@code leave} in one script; when a writer on the volume took some in
   * between (fallocate then fails with ENOSPC), tries again with a little less, so the fill ends within
   * {@link #SLACK} of {@code leave}.
   */
  private String fill(String dir, String filler) {
    String d = VolumeCommands.quote(dir);
    String f = VolumeCommands.quote(filler);
    return "s=$(( $(df -B1 --output=avail " + d + " | tail -1) - " + leave + " )); "
        + "while [ $s -gt 0 ] && ! fallocate -l $s " + f + " 2>/dev/null; do s=$(( s - 65536 - s / 1024 )); done; true";
  }

  private void heal(FaultScope scope, Node node, String dir, String filler, long freeBefore, String label) {
    node.exec("rm", "-f", "--", filler);
    long now = free(node, dir, label)[0];
    if (now < freeBefore - 1024 * 1024) {
      throw new ShakedownException(name() + ": " + label + " volume " + volume + " has " + now + " bytes free after"
          + " the filler was deleted, " + freeBefore + " before the fill");
    }
    scope.timeline().mark("volume", "freed").subject(label).detail(volume + ": " + now + " bytes free").record();
  }

  /** The volume's directory on the node: an emptyDir's under the kubelet, or a claim's PersistentVolume path. */
  private String directory(FaultScope scope, Pod pod, String label) {
    Volume v = pod.getSpec().getVolumes().stream().filter(x -> x.getName().equals(volume)).findFirst()
        .orElseThrow(() -> new TargetException(label + " has no volume " + volume + "; its volumes: "
            + pod.getSpec().getVolumes().stream().map(Volume::getName).toList()));
    if (v.getEmptyDir() != null) {
      return "/var/lib/kubelet/pods/" + pod.getMetadata().getUid() + "/volumes/kubernetes.io~empty-dir/" + volume;
    }
    if (v.getPersistentVolumeClaim() != null) {
      return ClaimVolume.resolve(scope.client(), pod.getMetadata().getNamespace(),
          v.getPersistentVolumeClaim().getClaimName()).path();
    }
    throw new TargetException(label + " volume " + volume + " is neither an emptyDir nor a claim");
  }

  /**
   * {@code [free bytes, block size]} of the volume's filesystem; refuses a volume whose directory is not its own
   * mount point.
   */
  private long[] free(Node node, String dir, String label) {
    String out = node.exec("sh", "-c", "df -B1 --output=target,avail " + VolumeCommands.quote(dir)
        + " | tail -1; stat -f -c %S " + VolumeCommands.quote(dir));
    List<String> lines = out.lines().map(String::strip).filter(l -> !l.isEmpty()).toList();
    String[] df = lines.get(0).split("\\s+");
    if (!df[0].equals(dir)) {
      throw new TargetException(label + " volume " + volume + " is not a filesystem of its own: it lives on " + df[0]
          + " of node " + node.name() + " (" + df[1] + " bytes free), so filling it would fill that filesystem for every"
          + " pod and for the host; give the volume its own size (an emptyDir with medium: Memory and a sizeLimit)");
    }
    return new long[] {Long.parseLong(df[1]), Long.parseLong(lines.get(1))};
  }
}
