package dev.shakedown.check;

import dev.shakedown.check.WriteSetScanner.ReadValue;
import dev.shakedown.history.History;
import dev.shakedown.history.Operation;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Jepsen "set-full" analysis of a history of unique writes followed by final reads.
 *
 * <p>Clients {@code write} unique (ideally {@link ChecksummedValue checksummed}) values, then issue one or
 * more {@code read}s whose OK value is every value present, joined by {@code ,}. A <em>final read</em> is
 * an OK read invoked after the last write operation of the history; reads concurrent with writes are
 * ignored. Each write is classified by its completion:
 * <ul>
 *   <li>OK: must be present in every final read, else it is <b>lost</b>;</li>
 *   <li>FAIL: must be absent; present anyway it is <b>failed-but-present</b> (invalid, as in Jepsen: a
 *       definite failure promised the write did not happen);</li>
 *   <li>INFO, or invoked and never completed: may go either way, counted as info-present / info-absent; but once
 *       a final read has it, every later final read must have it too, else it is <b>lost</b> (Jepsen's set-full
 *       rule: an observed value may not disappear), listed with the read that saw it.</li>
 * </ul>
 * A read value that was never written is <b>unexpected</b> when its checksum verifies and <b>corrupt</b>
 * when it does not; a corrupt copy does not make its write present. A value twice in one read is
 * <b>duplicated</b>. An empty history, one without a final read, or one in which no write was acknowledged
 * (nothing could be lost) is UNKNOWN, never VALID.
 */
public final class WriteSetAnalysis {

  static final String CHECKER = "no-lost-writes";

  private final WriteSetScanner scan;
  private final List<AcknowledgedWrite> lost = new ArrayList<>();
  private final List<AcknowledgedWrite> lostAfterSeen = new ArrayList<>();
  private final List<Operation> failedButPresent = new ArrayList<>();
  private long ok;
  private long fail;
  private long info;
  private long infoPresent;

  private WriteSetAnalysis(List<Operation> operations) {
    scan = WriteSetScanner.scan(operations);
    long start = operations.isEmpty() ? 0 : operations.get(0).nanos();
    int reads = scan.finalReads.size();
    WriteTable writes = scan.writes;
    for (int number = 0, n = writes.size(); number < n; number++) {
      String value = writes.value(number);
      Operation done = writes.completion(number);
      int present = writes.presentInReads(number);
      if (done != null && done.isOk()) {
        ok++;
        if (present < reads) {
          lost.add(new AcknowledgedWrite(value, done, Duration.ofNanos(done.nanos() - start)));
        }
      } else if (done != null && done.isFail()) {
        fail++;
        if (present > 0) {
          failedButPresent.add(done);
        }
      } else {
        info++;
        infoPresent += present > 0 ? 1 : 0;
        int first = writes.firstReadSeen(number);
        if (present > 0 && first + present < reads) {
          Operation saw = scan.finalReads.get(first);
          AcknowledgedWrite gone = new AcknowledgedWrite(value, saw, Duration.ofNanos(saw.nanos() - start));
          lost.add(gone);
          lostAfterSeen.add(gone);
        }
      }
    }
    lost.sort(Comparator.comparingLong(w -> w.acknowledgement().index()));
    failedButPresent.sort(Comparator.comparingLong(Operation::index));
  }

  public static WriteSetAnalysis of(History history) {
    return new WriteSetAnalysis(history.snapshot());
  }

  /** Acknowledged writes missing from at least one final read, in acknowledgement order. */
  public List<AcknowledgedWrite> lostWrites() { return List.copyOf(lost); }

  /**
   * Lost writes acknowledged strictly after {@code nanos} ({@link System#nanoTime()}): the loss window of
   * a restore from a backup taken at {@code nanos}.
   */
  public List<AcknowledgedWrite> lostWritesAfter(long nanos) {
    return lost.stream().filter(w -> w.acknowledgedNanos() > nanos).toList();
  }

  /** The FAIL completions of writes that were read anyway. */
  public List<Operation> failedButPresent() { return List.copyOf(failedButPresent); }

  public List<String> unexpectedValues() { return values(scan.unexpected); }

  public List<String> corruptValues() { return values(scan.corrupt); }

  public List<String> duplicatedValues() { return values(scan.duplicated); }

  /** The final reads judged, in history order. */
  public List<Operation> finalReads() { return List.copyOf(scan.finalReads); }

  /** Strict verdict: any lost, unexpected, corrupt, duplicated or failed-but-present value is INVALID. */
  public Verdict verdict() {
    return verdict(Long.MAX_VALUE);
  }

  /**
   * Verdict for a restore from a backup taken at {@code cutNanos}: writes acknowledged after the cut may
   * be lost (counted as {@code lost-after-cut} and listed in the detail of the same name); every other
   * defect is still INVALID.
   */
  public Verdict verdictAllowingLossAfter(long cutNanos) {
    return verdict(cutNanos);
  }

  private Verdict verdict(long cutNanos) {
    List<AcknowledgedWrite> afterCut = lostWritesAfter(cutNanos);
    long lostBeforeCut = lost.size() - afterCut.size();
    Verdict.Builder b = Verdict.builder(CHECKER)
        .count("ok", ok).count("fail", fail).count("info", info)
        .count("lost", lost.size())
        .count("unexpected", scan.unexpected.size())
        .count("corrupt", scan.corrupt.size())
        .count("failed-but-present", failedButPresent.size())
        .count("info-present", infoPresent).count("info-absent", info - infoPresent)
        .count("duplicated", scan.duplicated.size())
        .count("final-reads", scan.finalReads.size());
    if (cutNanos != Long.MAX_VALUE) {
      b.count("lost-after-cut", afterCut.size()).detail("lost-after-cut", first(afterCut));
    }
    b.detail("lost", first(lost)).detail("unexpected", first(unexpectedValues()))
        .detail("corrupt", first(corruptValues())).detail("duplicated", first(duplicatedValues()));
    if (!lost.isEmpty()) {
      b.detail("first-lost-acknowledged-nanos", lost.get(0).acknowledgedNanos());
      b.detail("last-lost-acknowledged-nanos", lost.get(lost.size() - 1).acknowledgedNanos());
    }
    offending(b, cutNanos);
    long defects = lostBeforeCut + scan.unexpected.size() + scan.corrupt.size() + scan.duplicated.size()
        + failedButPresent.size();
    if (defects > 0) {
      return b.status(Verdict.Status.INVALID).summary(invalidSummary(lostBeforeCut)).build();
    }
    if (ok == 0 || scan.finalReads.isEmpty()) {
      String why = ok + fail + info == 0 ? "no writes in the history"
          : scan.finalReads.isEmpty() ? (scan.okReads == 0 ? "no successful read" : "no successful read invoked after the last write")
          : "no write was acknowledged (" + fail + " failed, " + info + " of unknown outcome), so none could be lost";
      return b.status(Verdict.Status.UNKNOWN).summary(CHECKER + " UNKNOWN: " + why).build();
    }
    return b.status(Verdict.Status.VALID).summary(CHECKER + " VALID: all " + ok + " acknowledged writes present in "
        + scan.finalReads.size() + " final read(s)" + (afterCut.isEmpty() ? "" : ", " + afterCut.size()
        + " acknowledged after the cut lost as allowed")).build();
  }

  private String invalidSummary(long lostBeforeCut) {
    StringBuilder s = new StringBuilder(CHECKER + " INVALID:");
    List<AcknowledgedWrite> acknowledged = lost.stream().filter(w -> !lostAfterSeen.contains(w)).toList();
    if (lostBeforeCut > 0 && !acknowledged.isEmpty()) {
      s.append(' ').append(acknowledged.size()).append(" of ").append(ok).append(" acknowledged writes lost (first: ")
          .append(acknowledged.get(0)).append(");");
    }
    if (lostBeforeCut > 0 && !lostAfterSeen.isEmpty()) {
      s.append(' ').append(lostAfterSeen.size()).append(" write(s) of unknown outcome seen in a final read, then gone "
          + "from a later one (first: ").append(lostAfterSeen.get(0)).append(");");
    }
    append(s, scan.unexpected.size(), "unexpected value(s) never written", scan.unexpected);
    append(s, scan.corrupt.size(), "corrupt value(s) failing their checksum", scan.corrupt);
    append(s, scan.duplicated.size(), "duplicated value(s)", scan.duplicated);
    if (!failedButPresent.isEmpty()) {
      s.append(' ').append(failedButPresent.size()).append(" failed write(s) present anyway (first: op #")
          .append(failedButPresent.get(0).index()).append(");");
    }
    return s.substring(0, s.length() - 1);
  }

  private static void append(StringBuilder s, int n, String what, List<ReadValue> values) {
    if (n > 0) {
      s.append(' ').append(n).append(' ').append(what).append(" (first: ").append(values.get(0).value()).append(");");
    }
  }

  private void offending(Verdict.Builder b, long cutNanos) {
    List<Operation> ops = new ArrayList<>();
    for (AcknowledgedWrite w : lost) {
      if (w.acknowledgedNanos() <= cutNanos && ops.size() < Verdict.MAX_OFFENDING) {
        ops.add(w.acknowledgement());
      }
    }
    failedButPresent.stream().limit(Verdict.MAX_OFFENDING).forEach(ops::add);
    for (List<ReadValue> values : List.of(scan.unexpected, scan.corrupt, scan.duplicated)) {
      values.stream().limit(Verdict.MAX_OFFENDING).map(ReadValue::read).forEach(ops::add);
    }
    ops.stream().distinct().sorted(Comparator.comparingLong(Operation::index)).forEach(b::offending);
  }

  private static <T> List<T> first(List<T> all) {
    return List.copyOf(all.subList(0, Math.min(all.size(), Verdict.MAX_OFFENDING)));
  }

  private static List<String> values(List<ReadValue> values) {
    return values.stream().map(ReadValue::value).toList();
  }
}
