package dev.shakedown.check;

import dev.shakedown.history.ChecksummedValue;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Data written into each replica before the faults is there after them, byte for byte: for every replica of the
 * "before" map (replica → value written), the "after" map (replica → value read back) holds the same value, and
 * it verifies as a {@link ChecksummedValue}. A replica that came back on a wiped or replaced volume, under the same
 * claim and volume names, is INVALID here while {@link StatefulSetRecoveryChecker} still sees its identity intact.
 */
final class DataKeptChecker implements Checker<BeforeAfter<Map<String, String>>> {

  static final String CHECKER = "data-kept";

  @Override
  public Verdict check(BeforeAfter<Map<String, String>> data) {
    Map<String, String> before = data.before();
    Map<String, String> after = data.after();
    if (before.isEmpty()) {
      return Verdict.builder(CHECKER).status(Verdict.Status.UNKNOWN)
          .summary(CHECKER + " UNKNOWN: nothing was written before the faults").build();
    }
    List<String> lost = new ArrayList<>();
    List<String> changed = new ArrayList<>();
    new java.util.TreeMap<>(before).forEach((replica, written) -> { // sorted: a stable summary
      String read = after.get(replica);
      if (read == null) {
        lost.add(replica);
      } else if (!read.equals(written) || !ChecksummedValue.verify(read)) {
        changed.add(replica + " (wrote " + written + ", read " + read + ")");
      }
    });
    Verdict.Builder b = Verdict.builder(CHECKER).count("replicas", before.size()).count("lost", lost.size())
        .count("changed", changed.size()).detail("lost", lost).detail("changed", changed);
    if (lost.isEmpty() && changed.isEmpty()) {
      return b.status(Verdict.Status.VALID)
          .summary(CHECKER + " VALID: every replica (" + before.size() + ") read back what it was written").build();
    }
    return b.status(Verdict.Status.INVALID).summary(CHECKER + " INVALID: "
        + (lost.isEmpty() ? "" : "data lost on " + lost + (changed.isEmpty() ? "" : "; "))
        + (changed.isEmpty() ? "" : "data changed on " + changed)).build();
  }
}
