package dev.shakedown.fault;

import dev.shakedown.ShakedownException;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.ExecWatch;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import dev.shakedown.internal.Waits;

/**
 * Kills the main process (PID 1) of a container in each chosen pod by exec'ing {@code sh -c 'kill -SIG 1'}
 * (default {@code TERM}: a PID 1 only receives signals it handles, so {@code KILL} from inside the
 * container is ignored by the kernel). Injection returns once the kubelet has restarted the container
 * (its {@code restartCount} rose); healing waits until it is Ready again. The pod itself survives.
 */
public final class ContainerKill implements Fault {

  private final PodTargets targets;
  private String container;
  private String signal = "TERM";
  private Duration within = Duration.ofMinutes(1);

  ContainerKill(PodTargets targets) {
    this.targets = Objects.requireNonNull(targets, "targets");
  }

  /** The container to kill (default: the pod's first container). */
  public ContainerKill container(String name) {
    this.container = Objects.requireNonNull(name, "name");
    return this;
  }

  /** The signal name given to {@code kill} (default {@code TERM}). */
  public ContainerKill signal(String signal) {
    this.signal = Objects.requireNonNull(signal, "signal");
    return this;
  }

  /** Bound on the restart to show up and on the container to become Ready again (default 1 minute each). */
  public ContainerKill recoverWithin(Duration atMost) {
    this.within = Objects.requireNonNull(atMost, "atMost");
    return this;
  }

  @Override
  public String name() {
    return "container-kill";
  }

  @Override
  public FaultHandle inject(FaultScope scope) {
    List<String> names = new ArrayList<>();
    List<Runnable> recoveries = new ArrayList<>();
    for (Pod pod : targets.select(scope)) {
      String ns = pod.getMetadata().getNamespace();
      String name = pod.getMetadata().getName();
      String c = Pods.mainContainer(pod, container);
      int before = Pods.containerStatus(pod, c).map(ContainerStatus::getRestartCount).orElseThrow(
          () -> new ShakedownException("Pod " + ns + "/" + name + ": no status for container " + c));
      String execError = kill(scope.client(), ns, name, c);
      awaitRestart(scope.client(), ns, name, c, before, execError);
      names.add("pod/" + ns + "/" + name + "/" + c);
      recoveries.add(() -> awaitReady(scope.client(), ns, name, c));
    }
    return Handle.injected(scope, name(), targets + " signal " + signal, names,
        () -> recoveries.forEach(Runnable::run));
  }

  /** Returns the exec's error, or {@code null}; the exec often ends abruptly because its container died. */
  private String kill(KubernetesClient client, String ns, String pod, String c) {
    try (ExecWatch watch = client.pods().inNamespace(ns).withName(pod).inContainer(c)
        .redirectingOutput().redirectingError().exec("sh", "-c", "kill -" + signal + " 1")) {
      watch.exitCode().get(10, TimeUnit.SECONDS);
      return null;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "interrupted";
    } catch (Exception e) {
      return e.toString();
    }
  }

  private void awaitRestart(KubernetesClient client, String ns, String pod, String c, int before, String execError) {
    String what = "container " + c + " of Pod " + ns + "/" + pod + " restarted (restartCount > " + before + ")";
    Waits.untilTrue(what + " after kill -" + signal + " 1" + (execError == null ? "" : " (exec: " + execError + ")"),
        within, Duration.ofMillis(250), () -> Pods.containerStatus(client.pods().inNamespace(ns).withName(pod).get(), c)
            .map(s -> s.getRestartCount() > before).orElse(false));
  }

  private void awaitReady(KubernetesClient client, String ns, String pod, String c) {
    String what = "container " + c + " of Pod " + ns + "/" + pod + " Ready again";
    Waits.untilTrue(what, within, Duration.ofMillis(250), () ->
        Pods.containerStatus(client.pods().inNamespace(ns).withName(pod).get(), c)
            .map(s -> Boolean.TRUE.equals(s.getReady())).orElse(false));
  }
}
