package dev.shakedown.fault;

import dev.shakedown.ShakedownException;
import dev.shakedown.cluster.Node;
import java.util.List;
import java.util.Objects;

/**
 * Deletes everything on a claim's volume (the volume's directory itself stays), from inside the kind node that
 * holds it: a disk replaced by an empty one. Records node, path and how many entries were removed. Not healable.
 */
public final class WipeVolume implements Fault {

  private final String claim;

  WipeVolume(String claim) {
    this.claim = Objects.requireNonNull(claim, "claim");
  }

  @Override
  public String name() {
    return "wipe-volume";
  }

  @Override
  public FaultHandle inject(FaultScope scope) {
    ClaimVolume volume = ClaimVolume.resolve(scope.client(), scope.namespace(), claim);
    Node node = scope.requireCluster(name()).node(volume.node());
    VolumeFile.requireRoot(volume, node);
    int before = VolumeCommands.lines(VolumeFile.exec(node, volume, volume.path(), VolumeCommands.list(volume.path())))
        .size();
    VolumeFile.exec(node, volume, volume.path(), VolumeCommands.wipe(volume.path()));
    List<String> left = VolumeCommands.lines(VolumeFile.exec(node, volume, volume.path(),
        VolumeCommands.list(volume.path())));
    if (!left.isEmpty()) {
      throw new ShakedownException(volume.describe() + ": expected it empty after wipe-volume, but " + left.size()
          + " entries remain, e.g. " + left.get(0));
    }
    String action = "node/" + node.name() + " " + volume.path() + " wiped (" + before + " entries removed)";
    return VolumeFaults.injected(scope, name(), List.of("pvc/" + volume.namespace() + "/" + claim), List.of(action));
  }

  @Override
  public String toString() {
    return "wipe-volume of claim " + claim;
  }
}
