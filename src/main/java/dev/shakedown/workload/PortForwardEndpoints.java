package dev.shakedown.workload;

import dev.shakedown.ShakedownException;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.LocalPortForward;
import java.io.IOException;
import java.net.URI;
import java.util.Objects;

/**
 * Reaches a ClusterIP Service from the test JVM through a fabric8 port-forward to one of its pods (through the API
 * server, so it works on any allow-listed cluster). {@link #refresh()} re-establishes it when it has failed, e.g.
 * because the pod behind it was replaced. Closed with the scenario.
 */
public final class PortForwardEndpoints implements Endpoints, AutoCloseable {

  private final KubernetesClient client;
  private final String namespace;
  private final String service;
  private final int port;
  private LocalPortForward forward;

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

  /** Opens a new port-forward when the current one is no longer alive or has seen an error. */
  @Override
  public synchronized void refresh() {
    if (!forward.isAlive() || forward.errorOccurred()) {
      close();
      open();
    }
  }

  @Override
  public synchronized void close() {
    try {
      forward.close();
    } catch (IOException e) {
      // closing a dead forward: nothing to release
    }
  }

  private synchronized void open() {
    try {
      forward = client.services().inNamespace(namespace).withName(service).portForward(port);
    } catch (RuntimeException e) {
      throw new ShakedownException("Service " + namespace + "/" + service + " port " + port
          + ": cannot port-forward to a pod behind it: " + e.getMessage(), e);
    }
  }
}
