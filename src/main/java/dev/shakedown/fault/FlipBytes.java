package dev.shakedown.fault;

import dev.shakedown.ShakedownException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.TreeSet;

/**
 * Flips {@link #bytes(int) N} bytes (default 8) at distinct random offsets of a file on a claim's volume, from
 * inside the kind node that holds it: each byte is XORed with a random non-zero mask, so it always changes.
 * Offsets and masks come from the scenario's seeded random source; every change (node, absolute path, offset,
 * byte before and after) is read back, recorded in the timeline and attached to the report. Not healable.
 */
public final class FlipBytes implements Fault {

  /** One changed byte. */
  public record Change(long offset, int before, int after) {
    @Override
    public String toString() {
      return String.format("@%d 0x%02x->0x%02x", offset, before, after);
    }
  }

  private final VolumeFile file;
  private int count = 8;
  private long from;
  private long to = Long.MAX_VALUE;

  FlipBytes(VolumeFile file) {
    this.file = Objects.requireNonNull(file, "file");
  }

  /** How many distinct bytes to flip (default 8). */
  public FlipBytes bytes(int n) {
    if (n < 1) {
      throw new TargetException("flip-bytes needs at least 1 byte, was " + n);
    }
    this.count = n;
    return this;
  }

  /** Restricts offsets to {@code [fromInclusive, toExclusive)} (clipped to the file size). */
  public FlipBytes within(long fromInclusive, long toExclusive) {
    if (fromInclusive < 0 || toExclusive <= fromInclusive) {
      throw new TargetException("flip-bytes range must satisfy 0 <= from < to, was [" + fromInclusive + ", "
          + toExclusive + ")");
    }
    this.from = fromInclusive;
    this.to = toExclusive;
    return this;
  }

  @Override
  public String name() {
    return "flip-bytes";
  }

  @Override
  public FaultHandle inject(FaultScope scope) {
    VolumeFile.Located target = file.locate(scope, name());
    List<Long> offsets = offsets(scope.random(), target.size(), target);
    int[] before = read(target, offsets);
    Map<Long, Integer> after = new LinkedHashMap<>();
    for (int i = 0; i < offsets.size(); i++) {
      after.put(offsets.get(i), before[i] ^ (1 + scope.random().nextInt(255)));
    }
    VolumeFile.exec(target.node(), target.volume(), target.absolute(),
        VolumeCommands.writeBytes(target.absolute(), after));
    int[] now = read(target, offsets);
    List<String> actions = new ArrayList<>();
    for (int i = 0; i < offsets.size(); i++) {
      Change change = new Change(offsets.get(i), before[i], now[i]);
      if (now[i] != after.get(offsets.get(i))) {
        throw new ShakedownException(target.volume().describe() + ": expected byte " + change.offset() + " of "
            + target.absolute() + " to read " + after.get(offsets.get(i)) + " after flip-bytes, but it reads " + now[i]);
      }
      actions.add(VolumeFaults.where(target) + " " + change);
    }
    return VolumeFaults.injected(scope, name(), List.of(target.target()), actions);
  }

  /** Distinct sorted offsets in the allowed range; package-private for tests. */
  List<Long> offsets(Random random, long size, Object target) {
    long lo = from;
    long hi = Math.min(to, size);
    if (hi - lo < count) {
      throw new TargetException("flip-bytes of " + count + " byte(s) in [" + lo + ", " + hi + ") of " + target
          + ": the file has only " + size + " bytes");
    }
    TreeSet<Long> chosen = new TreeSet<>();
    while (chosen.size() < count) {
      chosen.add(lo + random.nextLong(hi - lo));
    }
    return List.copyOf(chosen);
  }

  private static int[] read(VolumeFile.Located target, List<Long> offsets) {
    return VolumeCommands.parseBytes(VolumeFile.exec(target.node(), target.volume(), target.absolute(),
        VolumeCommands.readBytes(target.absolute(), offsets)), offsets.size());
  }

  @Override
  public String toString() {
    return "flip-bytes(" + count + ") of " + file;
  }
}
