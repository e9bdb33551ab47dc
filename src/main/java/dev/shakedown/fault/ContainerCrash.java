package dev.shakedown.fault;

import dev.shakedown.ShakedownException;
import dev.shakedown.cluster.Node;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import dev.shakedown.internal.Waits;

/**
 * Crashes a container: SIGKILL to its main process, sent from the kind node through containerd
 * ({@code ctr -n k8s.io task kill --signal SIGKILL <container id>}). Unlike a pod delete or {@link ContainerKill}'s
 * default TERM, the process gets no chance to shut down gracefully (an etcd leader cannot hand over leadership).
 * Injection returns as soon as the signal is sent; healing waits until the kubelet has restarted the container in
 * the same pod and it is Ready again.
 */
public final class ContainerCrash implements Fault {

  private final PodTargets targets;
  private String container;
  private Duration within = Duration.ofMinutes(2);

  ContainerCrash(PodTargets targets) {
    this.targets = Objects.requireNonNull(targets, "targets");
  }

  /** The container to crash (default: the pod's first container). */
  public ContainerCrash container(String name) {
    this.container = Objects.requireNonNull(name, "name");
    return this;
  }

  /** Bound on the restart and readiness the heal waits for (default 2 minutes). */
  public ContainerCrash recoverWithin(Duration atMost) {
    this.within = Objects.requireNonNull(atMost, "atMost");
    return this;
  }

  @Override
  public String name() {
    return "container-crash";
  }

  @Override
  public FaultHandle inject(FaultScope scope) {
    List<String> names = new ArrayList<>();
    List<Runnable> recoveries = new ArrayList<>();
    for (Pod pod : targets.select(scope)) {
      String ns = pod.getMetadata().getNamespace();
      String name = pod.getMetadata().getName();
      String c = Pods.mainContainer(pod, container);
      ContainerStatus status = Pods.containerStatus(pod, c).orElseThrow(
          () -> new ShakedownException("Pod " + ns + "/" + name + ": no status for container " + c));
      String id = containerdId(status, ns + "/" + name + "/" + c);
      Node node = scope.requireCluster(name()).node(pod.getSpec().getNodeName());
      node.exec("ctr", "-n", "k8s.io", "task", "kill", "--signal", "SIGKILL", id);
      names.add("pod/" + ns + "/" + name + "/" + c);
      int before = status.getRestartCount();
      recoveries.add(() -> awaitRestartedAndReady(scope.client(), ns, name, c, before));
    }
    return Handle.injected(scope, name(), targets + " SIGKILL from the node", names,
        () -> recoveries.forEach(Runnable::run));
  }

  /** The containerd id of a running container ({@code containerd://<id>} in its status). */
  static String containerdId(ContainerStatus status, String what) {
    String id = status.getContainerID();
    if (id == null || !id.startsWith("containerd://") || status.getState() == null
        || status.getState().getRunning() == null) {
      throw new ShakedownException("container " + what + ": expected a running containerd container, but its id is "
          + id + " and its state " + status.getState());
    }
    return id.substring("containerd://".length());
  }

  private void awaitRestartedAndReady(KubernetesClient client, String ns, String pod, String c, int before) {
    String what = "container " + c + " of Pod " + ns + "/" + pod + " restarted (restartCount > " + before
        + ") and Ready";
    Waits.untilTrue(what + " after SIGKILL", within, Duration.ofMillis(250), () ->
        Pods.containerStatus(client.pods().inNamespace(ns).withName(pod).get(), c)
            .map(s -> s.getRestartCount() > before && Boolean.TRUE.equals(s.getReady())).orElse(false));
  }
}
