package dev.shakedown.check;

import dev.shakedown.check.StatefulSetSnapshot.PodState;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/** Judges a StatefulSet before / after a fault; see {@link Checkers#statefulSetRecovered}. */
final class StatefulSetRecoveryChecker implements Checker<BeforeAfter<StatefulSetSnapshot>> {

  static final String CHECKER = "statefulset-recovered";

  private final Duration bound;

  StatefulSetRecoveryChecker(Duration bound) {
    this.bound = Objects.requireNonNull(bound, "bound");
  }

  @Override
  public Verdict check(BeforeAfter<StatefulSetSnapshot> snapshots) {
    StatefulSetSnapshot before = snapshots.before();
    StatefulSetSnapshot after = snapshots.after();
    List<String> problems = new ArrayList<>();
    List<String> recreated = new ArrayList<>();
    List<String> rescheduled = new ArrayList<>();
    Map<String, Integer> restarts = new LinkedHashMap<>();
    long newRestarts = 0;

    List<String> notReady = after.pods().stream().filter(p -> !p.ready()).map(PodState::name).toList();
    long ready = after.pods().size() - notReady.size();
    if (ready < after.replicas() || !notReady.isEmpty()) {
      problems.add(ready + " of " + after.replicas() + " replicas Ready" + (notReady.isEmpty() ? "" : ", not Ready: "
          + notReady));
    }
    if (after.readyAfter() != null && after.readyAfter().compareTo(bound) > 0) {
      problems.add("Ready after " + after.readyAfter().toMillis() + " ms, bound " + bound.toMillis() + " ms");
    }
    for (PodState was : before.pods()) {
      Optional<PodState> found = after.pod(was.name());
      if (found.isEmpty()) {
        problems.add("pod " + was.name() + " (ordinal " + was.ordinal() + ") is gone");
        continue;
      }
      PodState now = found.get();
      if (now.ordinal() != was.ordinal()) {
        problems.add("pod " + was.name() + " ordinal changed " + was.ordinal() + " -> " + now.ordinal());
      }
      if (!now.volumes().equals(was.volumes())) {
        problems.add("pod " + was.name() + " volumes changed " + was.volumes() + " -> " + now.volumes());
      }
      boolean sameInstance = Objects.equals(now.uid(), was.uid());
      if (!sameInstance) {
        recreated.add(now.name());
      }
      if (!Objects.equals(now.node(), was.node())) {
        rescheduled.add(now.name() + " " + was.node() + " -> " + now.node());
      }
      restarts.put(now.name(), now.restartCount());
      newRestarts += sameInstance ? Math.max(0, now.restartCount() - was.restartCount()) : now.restartCount();
    }
    after.pods().stream().filter(p -> before.pod(p.name()).isEmpty())
        .forEach(p -> problems.add("unexpected new pod " + p.name() + " (ordinal " + p.ordinal() + ")"));

    Verdict.Builder b = Verdict.builder(CHECKER)
        .count("replicas", after.replicas()).count("ready", ready).count("recreated", recreated.size())
        .count("rescheduled", rescheduled.size()).count("restarts", newRestarts)
        .detail("ready-after", after.readyAfter()).detail("bound", bound).detail("restart-counts", restarts)
        .detail("recreated", recreated).detail("rescheduled", rescheduled).detail("problems", problems);
    String subject = CHECKER + " " + after.qualifiedName();
    if (!problems.isEmpty()) {
      return b.status(Verdict.Status.INVALID).summary(subject + " INVALID: " + String.join("; ", problems)).build();
    }
    if (after.readyAfter() == null) {
      return b.status(Verdict.Status.UNKNOWN)
          .summary(subject + " UNKNOWN: all Ready, but the time to Ready was not measured").build();
    }
    return b.status(Verdict.Status.VALID).summary(subject + " VALID: " + ready + " replicas Ready after "
        + after.readyAfter().toMillis() + " ms (bound " + bound.toMillis() + " ms), same pods and volumes, "
        + recreated.size() + " recreated, " + newRestarts + " new restart(s)").build();
  }
}
