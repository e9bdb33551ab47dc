package dev.shakedown.etcd;

import dev.shakedown.internal.Waits;
import dev.shakedown.ShakedownException;
import dev.shakedown.etcd.Etcd;
import io.fabric8.kubernetes.api.model.ContainerStateTerminated;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Pod;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How an etcd member was seen failing: its container terminated with an error (or waits in
 * {@code CrashLoopBackOff}), with the exit code, reason and the last lines etcd logged before it died.
 *
 * @param member the member (pod name)
 * @param how e.g. {@code container etcd terminated: exit code 1 (Error), 2 restarts, waiting CrashLoopBackOff}
 * @param after time from the start of {@link #await} until the failure was seen
 * @param logTail the last lines the failed container logged (empty when unavailable)
 */
public record EtcdMemberFailure(String member, String how, Duration after, String logTail) {

  private static final Pattern FIELD = Pattern.compile("\"(msg|error)\":\"((?:[^\"\\\\]|\\\\.)*)\"");

  /**
   * Why etcd died, from its log: the message (and error) of its last {@code fatal} or {@code panic} entry, else the
   * last {@code panic:} line; empty when the log names no cause.
   */
  public String cause() {
    List<String> lines = logTail.lines().toList();
    for (int i = lines.size() - 1; i >= 0; i--) {
      String line = lines.get(i);
      if (line.contains("\"level\":\"fatal\"") || line.contains("\"level\":\"panic\"")) {
        Matcher m = FIELD.matcher(line);
        StringBuilder text = new StringBuilder();
        while (m.find()) {
          text.append(text.isEmpty() ? "" : ": ").append(m.group(2));
        }
        return text.isEmpty() ? line : text.toString();
      }
    }
    return lines.stream().filter(l -> l.startsWith("panic:")).reduce((a, b) -> b).orElse("");
  }

  /**
   * Waits until {@code member}'s etcd container has failed: terminated with a non-zero exit code now or last time,
   * or waiting in {@code CrashLoopBackOff} / {@code Error}. A pod that is merely restarting does not count.
   *
   * @throws ShakedownException naming the pod, what was expected and the last state seen, after {@code atMost}
   */
  public static EtcdMemberFailure await(Etcd etcd, String member, Duration atMost) {
    String ns = etcd.namespace();
    long start = System.nanoTime();
    Seen failed = Waits.until("Pod " + ns + "/" + member + ": its etcd container fails", atMost, Waits.POLL, () -> {
      try {
        Pod pod = etcd.client().pods().inNamespace(ns).withName(member).get();
        Optional<ContainerStatus> status = container(pod);
        return new Seen(status.map(EtcdMemberFailure::describe).orElse(pod == null ? "no pod" : "no container status"),
            status.filter(EtcdMemberFailure::failed).map(EtcdMemberFailure::describe).orElse(null));
      } catch (RuntimeException e) {
        return new Seen("error: " + e.getMessage(), null);
      }
    }, seen -> seen.failure() != null, Seen::state);
    Duration after = Duration.ofNanos(System.nanoTime() - start);
    return new EtcdMemberFailure(member, failed.failure(), after, logTail(etcd, member));
  }

  /** How many lines of the failed container's log are kept: enough for a Go panic's single-goroutine trace. */
  static final int LOG_LINES = 120;

  static Optional<ContainerStatus> container(Pod pod) {
    if (pod == null || pod.getStatus() == null || pod.getStatus().getContainerStatuses() == null) {
      return Optional.empty();
    }
    List<ContainerStatus> all = pod.getStatus().getContainerStatuses();
    return all.stream().filter(s -> "etcd".equals(s.getName())).findFirst();
  }

  /** Terminated with an error now or the last time, or waiting after a crash. */
  static boolean failed(ContainerStatus s) {
    boolean crashWaiting = s.getState() != null && s.getState().getWaiting() != null
        && List.of("CrashLoopBackOff", "Error").contains(s.getState().getWaiting().getReason());
    return crashWaiting || errorExit(s.getState() == null ? null : s.getState().getTerminated())
        || errorExit(s.getLastState() == null ? null : s.getLastState().getTerminated());
  }

  private static boolean errorExit(ContainerStateTerminated t) {
    return t != null && t.getExitCode() != null && t.getExitCode() != 0;
  }

  static String describe(ContainerStatus s) {
    StringBuilder text = new StringBuilder("container " + s.getName());
    ContainerStateTerminated t = s.getState() != null && s.getState().getTerminated() != null
        ? s.getState().getTerminated() : s.getLastState() == null ? null : s.getLastState().getTerminated();
    if (t != null) {
      text.append(" terminated: exit code ").append(t.getExitCode()).append(" (").append(t.getReason()).append(')');
    }
    text.append(", ").append(s.getRestartCount()).append(" restarts");
    if (s.getState() != null && s.getState().getWaiting() != null) {
      text.append(", waiting ").append(s.getState().getWaiting().getReason());
    } else if (s.getState() != null && s.getState().getRunning() != null) {
      text.append(", running, ready ").append(s.getReady());
    }
    return text.toString();
  }

  private static String logTail(Etcd etcd, String member) {
    try {
      var pod = etcd.client().pods().inNamespace(etcd.namespace()).withName(member).inContainer("etcd");
      Pod now = etcd.client().pods().inNamespace(etcd.namespace()).withName(member).get();
      boolean running = container(now).map(s -> s.getState() != null && s.getState().getRunning() != null)
          .orElse(false);
      String log = running ? pod.terminated().tailingLines(LOG_LINES).getLog() : pod.tailingLines(LOG_LINES).getLog();
      return log == null || log.isBlank() ? pod.terminated().tailingLines(LOG_LINES).getLog() : log;
    } catch (RuntimeException e) {
      return "(log unavailable: " + e.getMessage() + ")";
    }
  }

  /** What one look at the member's pod saw, and how its container failed (null while it has not). */
  private record Seen(String state, String failure) {}
}
