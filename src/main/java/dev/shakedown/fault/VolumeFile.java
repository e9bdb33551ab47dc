package dev.shakedown.fault;

import dev.shakedown.ShakedownException;
import dev.shakedown.cluster.Node;
import java.util.List;
import java.util.Objects;

/**
 * A file on a PersistentVolumeClaim's volume, chosen when a volume fault is injected: either by its path
 * relative to the volume, or picked with the scenario's seeded random source among the regular files whose
 * relative path matches a glob ({@code find -path} syntax: {@code *} also matches {@code /}).
 *
 * <pre>{@code
 * VolumeFile.path("data-pg-0", "pgdata/base/5/16385");
 * VolumeFile.matching("data-kv-0", "*");
 * }</pre>
 */
public final class VolumeFile {

  /**
   * A located file: where it is and how big it was when located.
   *
   * @param volume the claim's volume
   * @param node the kind node holding it
   * @param relative its path relative to the volume
   * @param absolute its path inside the node container
   * @param size its size in bytes
   */
  public record Located(ClaimVolume volume, Node node, String relative, String absolute, long size) {

    /** {@code pvc/<ns>/<claim>:<relative>}, the fault handle's target. */
    public String target() {
      return "pvc/" + volume.namespace() + "/" + volume.claim() + ":" + relative;
    }
  }

  private final String claim;
  private final String path;
  private final boolean glob;

  private VolumeFile(String claim, String path, boolean glob) {
    this.claim = Objects.requireNonNull(claim, "claim");
    this.path = VolumeCommands.relative(path, glob ? "glob" : "path");
    this.glob = glob;
  }

  /** The file at {@code relativePath} on the volume of claim {@code claim} (in the scenario's namespace). */
  public static VolumeFile path(String claim, String relativePath) {
    return new VolumeFile(claim, relativePath, false);
  }

  /** One regular file whose path relative to the volume matches {@code glob}, picked with the seeded random. */
  public static VolumeFile matching(String claim, String glob) {
    return new VolumeFile(claim, glob, true);
  }

  public String claim() { return claim; }

  /**
   * Resolves the claim, finds the file on its node and reads its size.
   *
   * @throws TargetException naming the claim, node and path when the file (or a match) does not exist
   */
  public Located locate(FaultScope scope, String fault) {
    ClaimVolume volume = ClaimVolume.resolve(scope.client(), scope.namespace(), claim);
    Node node = scope.requireCluster(fault).node(volume.node());
    String relative = glob ? pick(scope, volume, node) : path;
    String absolute = volume.resolve(relative);
    String probe = exec(node, volume, absolute, VolumeCommands.probe(absolute)).strip();
    if (!probe.startsWith("file ")) {
      throw new TargetException(volume.describe() + ": expected a regular file " + relative + " at " + absolute
          + " on node/" + node.name() + ", but it " + (probe.equals("missing") ? "does not exist" : "is " + probe));
    }
    return new Located(volume, node, relative, absolute, Long.parseLong(probe.substring(5).strip()));
  }

  private String pick(FaultScope scope, ClaimVolume volume, Node node) {
    requireRoot(volume, node);
    List<String> matches = VolumeCommands.lines(exec(node, volume, volume.path(),
        VolumeCommands.find(volume.path(), path)));
    if (matches.isEmpty()) {
      throw new TargetException(volume.describe() + ": expected a regular file matching " + path + " under "
          + volume.path() + " on node/" + node.name() + ", but none matches");
    }
    String chosen = matches.get(scope.random().nextInt(matches.size()));
    return chosen.substring(volume.path().length() + 1);
  }

  /** Fails naming the claim and node when the volume's directory is not on the node. */
  static void requireRoot(ClaimVolume volume, Node node) {
    String probe = exec(node, volume, volume.path(), VolumeCommands.probe(volume.path())).strip();
    if (!probe.equals("dir")) {
      throw new TargetException(volume.describe() + ": expected its directory " + volume.path() + " on node/"
          + node.name() + ", but it " + (probe.equals("missing") ? "does not exist" : "is " + probe));
    }
  }

  /** Runs a command on the node, naming the claim and path when it fails. */
  static String exec(Node node, ClaimVolume volume, String absolute, String... command) {
    try {
      return node.exec(command);
    } catch (ShakedownException e) {
      throw new ShakedownException(volume.describe() + ": command on " + absolute + " failed: " + e.getMessage(), e);
    }
  }

  @Override
  public String toString() {
    return (glob ? "a file matching " : "file ") + path + " of claim " + claim;
  }
}
