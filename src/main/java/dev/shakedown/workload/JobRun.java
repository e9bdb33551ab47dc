package dev.shakedown.workload;

import dev.shakedown.WaitTimeoutException;
import dev.shakedown.internal.Waits;
import dev.shakedown.ShakedownException;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobStatus;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.util.stream.Collectors;

/**
 * Runs a Job to completion, bounded: creates it, waits until it succeeded, and returns its pods' logs; a Job that
 * fails or does not finish in time is deleted and reported with its logs.
 */
public final class JobRun {

  private JobRun() {}

  /**
   * @return the logs of the Job's pods (for the report)
   * @throws ShakedownException naming the Job, what it was expected to do and the timeout, with its logs
   */
  public static String run(KubernetesClient client, Job job, String purpose, Duration atMost) {
    String ns = job.getMetadata().getNamespace();
    String name = job.getMetadata().getName();
    String what = "Job " + ns + "/" + name + " (" + purpose + ")";
    client.batch().v1().jobs().inNamespace(ns).withName(name).delete();
    awaitGone(client, ns, name, what);
    client.resource(job).inNamespace(ns).create();
    Job done;
    try {
      done = Waits.until(what + " completes", atMost, Duration.ofSeconds(1),
          () -> client.batch().v1().jobs().inNamespace(ns).withName(name).get(),
          now -> now != null && now.getStatus() != null && (positive(now.getStatus().getSucceeded()) || failed(now)),
          now -> "status " + describe(now == null ? null : now.getStatus()));
    } catch (WaitTimeoutException e) {
      String logs = logs(client, ns, name);
      delete(client, ns, name);
      throw new ShakedownException(e.getMessage() + "; it did not finish; logs:\n" + logs, e);
    }
    JobStatus status = done.getStatus();
    String logs = logs(client, ns, name);
    if (!positive(status.getSucceeded())) {
      delete(client, ns, name);
      throw new ShakedownException("expected " + what + " to succeed, but it failed (status " + describe(status)
          + "); logs:\n" + logs);
    }
    delete(client, ns, name);
    return logs;
  }

  private static boolean failed(Job job) {
    Integer backoff = job.getSpec().getBackoffLimit();
    return job.getStatus().getFailed() != null && job.getStatus().getFailed() > (backoff == null ? 6 : backoff)
        || job.getStatus().getConditions() != null && job.getStatus().getConditions().stream()
            .anyMatch(c -> "Failed".equals(c.getType()) && "True".equals(c.getStatus()));
  }

  private static boolean positive(Integer n) {
    return n != null && n > 0;
  }

  private static String describe(JobStatus s) {
    return s == null ? "none" : "succeeded " + s.getSucceeded() + ", failed " + s.getFailed() + ", active " + s.getActive();
  }

  public static String logs(KubernetesClient client, String ns, String job) {
    try {
      return client.pods().inNamespace(ns).withLabel("job-name", job).list().getItems().stream()
          .map(p -> "--- pod " + p.getMetadata().getName() + "\n" + podLog(client, ns, p))
          .collect(Collectors.joining("\n"));
    } catch (RuntimeException e) {
      return "(logs unavailable: " + e.getMessage() + ")";
    }
  }

  private static String podLog(KubernetesClient client, String ns, Pod pod) {
    try {
      return client.pods().inNamespace(ns).withName(pod.getMetadata().getName()).tailingLines(40).getLog();
    } catch (RuntimeException e) {
      return "(log unavailable: " + e.getMessage() + ")";
    }
  }

  private static void delete(KubernetesClient client, String ns, String name) {
    client.batch().v1().jobs().inNamespace(ns).withName(name).withPropagationPolicy(
        io.fabric8.kubernetes.api.model.DeletionPropagation.FOREGROUND).delete();
    awaitGone(client, ns, name, "Job " + ns + "/" + name);
  }

  private static void awaitGone(KubernetesClient client, String ns, String name, String what) {
    Waits.untilTrue(what + " and its pods deleted", Duration.ofMinutes(1), Waits.POLL,
        () -> client.batch().v1().jobs().inNamespace(ns).withName(name).get() == null
            && client.pods().inNamespace(ns).withLabel("job-name", name).list().getItems().isEmpty());
  }
}
