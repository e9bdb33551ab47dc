package dev.shakedown.workload;

import dev.shakedown.ShakedownException;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.readiness.Readiness;
import io.fabric8.kubernetes.client.LocalPortForward;
import java.io.IOException;
import java.net.URI;
import java.util.Objects;

/**
 * Reaches a ClusterIP Service from the test JVM through a fabric8 port-forward to a Ready pod behind it, on the
 * Service port's target port (through the API server, so it works on any allow-listed cluster). {@link #refresh()}
 * re-establishes it on another Ready pod when it has died or its pod is gone or not Ready. Closed with the scenario.
 */
public final class PortForwardEndpoints implements Endpoints, AutoCloseable {

  private final KubernetesClient client;
  private final String namespace;
  private final String service;
  private final int port;
  private LocalPortForward forward;
  private String pod;

  PortForwardEndpoints(KubernetesClient client, String namespace, String service, int port) {
    this.client = Objects.requireNonNull(client, "client");
    this.namespace = Objects.requireNonNull(namespace, "namespace");
    this.service = Objects.requireNonNull(service, "service");
    this.port = port;
    open();
  }

  @Override
  public synchronized URI next() {
    return URI.create("http://127.0.0.1:" + forward.getLocalPort());
  }

  /** Opens a new port-forward when the current one has died, or its pod is gone or no longer Ready. */
  @Override
  public synchronized void refresh() {
    Pod current = client.pods().inNamespace(namespace).withName(pod).get();
    if (!forward.isAlive() || forward.errorOccurred() || current == null || !Readiness.isPodReady(current)
        || current.getMetadata().getDeletionTimestamp() != null) {
      close();
      open();
    }
  }

  @Override
  public synchronized void close() {
    if (forward == null) {
      return;
    }
    try {
      forward.close();
    } catch (IOException e) {
      // closing a dead forward: nothing to release
    }
  }

  /** Forwards to the target port of a Ready pod behind the Service (a named target port resolved on that pod). */
  private synchronized void open() {
    String where = "Service " + namespace + "/" + service + " port " + port;
    Service svc = client.services().inNamespace(namespace).withName(service).get();
    if (svc == null) {
      throw new ShakedownException(where + ": the Service does not exist");
    }
    ServicePort servicePort = svc.getSpec().getPorts().stream().filter(p -> p.getPort() == port).findFirst()
        .orElseThrow(() -> new ShakedownException(where + ": no such port; its ports: "
            + svc.getSpec().getPorts().stream().map(ServicePort::getPort).toList()));
    Pod target = client.pods().inNamespace(namespace).withLabels(svc.getSpec().getSelector()).list().getItems()
        .stream().filter(Readiness::isPodReady).filter(p -> p.getMetadata().getDeletionTimestamp() == null)
        .findFirst().orElse(null);
    if (target == null) {
      // no Ready pod now: keep the old forward (if any); the next refresh tries again
      if (forward == null) {
        throw new ShakedownException(where + ": no Ready pod behind it to port-forward to");
      }
      return;
    }
    IntOrString targetPort = servicePort.getTargetPort();
    int containerPort = targetPort == null ? port : targetPort.getIntVal() != null ? targetPort.getIntVal()
        : target.getSpec().getContainers().stream().flatMap(c -> c.getPorts().stream())
            .filter(p -> targetPort.getStrVal().equals(p.getName())).map(ContainerPort::getContainerPort).findFirst()
            .orElseThrow(() -> new ShakedownException(where + ": pod " + target.getMetadata().getName()
                + " has no container port named " + targetPort.getStrVal()));
    try {
      forward = client.pods().inNamespace(namespace).withName(target.getMetadata().getName())
          .portForward(containerPort);
      pod = target.getMetadata().getName();
    } catch (RuntimeException e) {
      throw new ShakedownException(where + ": cannot port-forward to pod " + target.getMetadata().getName() + ": "
          + e.getMessage(), e);
    }
  }
}
