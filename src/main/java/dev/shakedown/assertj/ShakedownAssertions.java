package dev.shakedown.assertj;

import dev.shakedown.check.Verdict;
import dev.shakedown.history.History;
import dev.shakedown.history.Operation;
import dev.shakedown.history.Timeline;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import org.assertj.core.api.Assertions;

/**
 * Entry point of Shakedown's assertions. It extends AssertJ's {@link Assertions}, so one static import
 * ({@code import static dev.shakedown.assertj.ShakedownAssertions.assertThat;}) serves both AssertJ's and
 * Shakedown's {@code assertThat}.
 */
public class ShakedownAssertions extends Assertions {

  protected ShakedownAssertions() {}

  // --- facts and verdicts (check, workload, observe) ---

  /** Asserts on a checker's verdict; a failure message is the verdict's summary. */
  public static VerdictAssert assertThat(Verdict actual) {
    return new VerdictAssert(actual);
  }

  public static HistoryAssert assertThat(History actual) {
    return new HistoryAssert(actual);
  }

  public static TimelineAssert assertThat(Timeline actual) {
    return new TimelineAssert(actual);
  }

  /** Asserts on one operation of a history; a failure message names its index, process, function, type and error. */
  public static OperationAssert assertThat(Operation actual) {
    return new OperationAssert(actual);
  }

  // --- cluster objects: Pods, StatefulSets, Nodes ---

  /** Asserts on a fabric8 pod; a failure message shows its namespace/name, phase, Ready, node and restarts. */
  public static PodAssert assertThat(Pod actual) {
    return new PodAssert(actual);
  }

  /** Asserts on a fabric8 statefulset; a failure message shows its replicas, ready replicas and revisions. */
  public static StatefulSetAssert assertThat(StatefulSet actual) {
    return new StatefulSetAssert(actual);
  }

  /** Asserts on a fabric8 node; a failure message shows its Ready condition, unschedulable flag and taints. */
  public static NodeAssert assertThat(Node actual) {
    return new NodeAssert(actual);
  }
}
