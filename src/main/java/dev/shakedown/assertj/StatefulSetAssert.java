package dev.shakedown.assertj;

import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import org.assertj.core.api.AbstractAssert;

/**
 * Assertions on a fabric8 {@link StatefulSet} as last read from the API; every failure message shows its
 * namespace/name, desired and ready replicas, and current and update revisions. An absent replica count (the
 * API omits {@code status.readyReplicas} when it is 0) counts as 0.
 */
public class StatefulSetAssert extends AbstractAssert<StatefulSetAssert, StatefulSet> {

  public StatefulSetAssert(StatefulSet actual) {
    super(actual, StatefulSetAssert.class);
  }

  /** {@code status.readyReplicas} equals {@code expected}. */
  public StatefulSetAssert hasReadyReplicas(int expected) {
    isNotNull();
    if (readyReplicas(actual) != expected) {
      failWithMessage("Expected %d ready replicas but found %d: %s", expected, readyReplicas(actual),
          describe(actual));
    }
    return this;
  }

  /** {@code status.readyReplicas} equals {@code spec.replicas} (either one absent counts as 0). */
  public StatefulSetAssert isFullyReady() {
    isNotNull();
    if (readyReplicas(actual) != replicas(actual)) {
      failWithMessage("Expected all %d replicas ready but %d were: %s", replicas(actual), readyReplicas(actual),
          describe(actual));
    }
    return this;
  }

  /**
   * {@code status.currentRevision} equals {@code status.updateRevision}: every pod runs the latest revision of the
   * template. A status without revisions (not yet observed by the controller) is not rolled out.
   */
  public StatefulSetAssert isRolledOut() {
    isNotNull();
    String current = currentRevision(actual);
    String update = updateRevision(actual);
    if (current == null || !current.equals(update)) {
      failWithMessage("Expected a rolled-out statefulset (current revision = update revision) but it was not: %s",
          describe(actual));
    }
    return this;
  }

  /** E.g. {@code statefulset chaos-1/db (replicas 3, ready 2, currentRevision db-7f9, updateRevision db-8a1)}. */
  static String describe(StatefulSet sts) {
    ObjectMeta meta = sts.getMetadata();
    return String.format("statefulset %s/%s (replicas %d, ready %d, currentRevision %s, updateRevision %s)",
        meta == null ? null : meta.getNamespace(), meta == null ? null : meta.getName(), replicas(sts),
        readyReplicas(sts), currentRevision(sts), updateRevision(sts));
  }

  private static int replicas(StatefulSet sts) {
    return sts.getSpec() == null || sts.getSpec().getReplicas() == null ? 0 : sts.getSpec().getReplicas();
  }

  private static int readyReplicas(StatefulSet sts) {
    return sts.getStatus() == null || sts.getStatus().getReadyReplicas() == null ? 0
        : sts.getStatus().getReadyReplicas();
  }

  private static String currentRevision(StatefulSet sts) {
    return sts.getStatus() == null ? null : sts.getStatus().getCurrentRevision();
  }

  private static String updateRevision(StatefulSet sts) {
    return sts.getStatus() == null ? null : sts.getStatus().getUpdateRevision();
  }
}
