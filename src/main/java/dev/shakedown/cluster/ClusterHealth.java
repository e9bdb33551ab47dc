package dev.shakedown.cluster;

import com.github.dockerjava.api.model.Container;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.readiness.Readiness;
import java.util.ArrayList;
import java.util.List;

/**
 * The cluster half of a steady-state hypothesis (as in Chaos Toolkit): every kind node container running, every
 * node Ready, every kube-system pod Ready (or completed). What is wrong, one line each; empty when healthy.
 */
public final class ClusterHealth {

  private ClusterHealth() {}

  public static List<String> problems(Cluster cluster) {
    List<String> problems = new ArrayList<>();
    for (Container c : cluster.containers()) {
      if (!"running".equals(c.getState())) {
        problems.add("node container " + Cluster.containerName(c) + " is " + c.getState());
      }
    }
    for (io.fabric8.kubernetes.api.model.Node node : cluster.client().nodes().list().getItems()) {
      if (!Readiness.isNodeReady(node)) {
        problems.add("node/" + node.getMetadata().getName() + " is not Ready");
      }
    }
    for (Pod pod : cluster.client().pods().inNamespace("kube-system").list().getItems()) {
      String phase = pod.getStatus() == null ? null : pod.getStatus().getPhase();
      if (!"Succeeded".equals(phase) && !Readiness.isPodReady(pod)) {
        problems.add("pod kube-system/" + pod.getMetadata().getName() + " is not Ready (phase " + phase + ")");
      }
    }
    return problems;
  }
}
