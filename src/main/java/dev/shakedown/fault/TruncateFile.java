package dev.shakedown.fault;

import java.util.List;
import java.util.Objects;

/**
 * Truncates a file on a claim's volume, from inside the kind node that holds it: to {@link #toSize(long)} bytes,
 * or by default to half its size (a torn write). Records node, path and the size before and after. Not healable.
 */
public final class TruncateFile implements Fault {

  private final VolumeFile file;
  private long size = -1;

  TruncateFile(VolumeFile file) {
    this.file = Objects.requireNonNull(file, "file");
  }

  /** The size to cut the file to, in bytes (0 empties it). */
  public TruncateFile toSize(long bytes) {
    if (bytes < 0) {
      throw new TargetException("truncate size must be >= 0, was " + bytes);
    }
    this.size = bytes;
    return this;
  }

  @Override
  public String name() {
    return "truncate-file";
  }

  @Override
  public FaultHandle inject(FaultScope scope) {
    VolumeFile.Located target = file.locate(scope, name());
    long newSize = size >= 0 ? size : target.size() / 2;
    if (newSize > target.size()) {
      throw new TargetException(target.volume().describe() + ": cannot truncate " + target.absolute() + " ("
          + target.size() + " bytes) to a larger size " + newSize);
    }
    VolumeFile.exec(target.node(), target.volume(), target.absolute(),
        VolumeCommands.truncate(target.absolute(), newSize));
    String probe = VolumeFile.exec(target.node(), target.volume(), target.absolute(),
        VolumeCommands.probe(target.absolute())).strip();
    String action = VolumeFaults.where(target) + " size " + target.size() + " -> " + newSize + " bytes (now: "
        + probe + ")";
    return VolumeFaults.injected(scope, name(), List.of(target.target()), List.of(action));
  }

  @Override
  public String toString() {
    return "truncate-file(" + (size < 0 ? "half" : size + " bytes") + ") of " + file;
  }
}
