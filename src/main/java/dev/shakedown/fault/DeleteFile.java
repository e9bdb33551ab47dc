package dev.shakedown.fault;

import dev.shakedown.ShakedownException;
import java.util.List;
import java.util.Objects;

/**
 * Deletes a file from a claim's volume, from inside the kind node that holds it, and checks it is gone.
 * Records node, path and the size it had. Not healable.
 */
public final class DeleteFile implements Fault {

  private final VolumeFile file;

  DeleteFile(VolumeFile file) {
    this.file = Objects.requireNonNull(file, "file");
  }

  @Override
  public String name() {
    return "delete-file";
  }

  @Override
  public FaultHandle inject(FaultScope scope) {
    VolumeFile.Located target = file.locate(scope, name());
    VolumeFile.exec(target.node(), target.volume(), target.absolute(), VolumeCommands.delete(target.absolute()));
    String probe = VolumeFile.exec(target.node(), target.volume(), target.absolute(),
        VolumeCommands.probe(target.absolute())).strip();
    if (!probe.equals("missing")) {
      throw new ShakedownException(target.volume().describe() + ": expected " + target.absolute()
          + " gone after delete-file, but it is " + probe);
    }
    String action = VolumeFaults.where(target) + " deleted (" + target.size() + " bytes)";
    return VolumeFaults.injected(scope, name(), List.of(target.target()), List.of(action));
  }

  @Override
  public String toString() {
    return "delete-file " + file;
  }
}
