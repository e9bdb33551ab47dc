package dev.shakedown.workload;

import io.fabric8.kubernetes.api.model.DeletionPropagation;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The one base of workloads made of Kubernetes objects (a Deployment or StatefulSet with its Services, budgets,
 * config): a subclass says which {@link #objects()} it deploys, and this class applies them ({@link Apply}),
 * selects its pods and claims by {@link Labels#selector}, waits for every Deployment and StatefulSet among them to
 * be Ready, and deletes them (and the claims) on teardown.
 *
 * @param <W> the subclass, so that {@code deploy()} and {@code awaitReady()} chain with its own methods
 */
public abstract class KubernetesWorkload<W extends KubernetesWorkload<W>> implements Workload {

  protected final KubernetesClient client;
  protected final String namespace;
  protected final String name;

  protected KubernetesWorkload(KubernetesClient client, String namespace, String name) {
    this.client = Objects.requireNonNull(client, "client");
    this.namespace = Objects.requireNonNull(namespace, "namespace");
    this.name = Objects.requireNonNull(name, "name");
  }

  /** The objects {@link #deploy()} creates (or replaces), in creation order; built from the current settings. */
  protected abstract List<HasMetadata> objects();

  @Override
  public String name() {
    return name;
  }

  @Override
  public String namespace() {
    return namespace;
  }

  /** The API client the workload acts through. */
  public KubernetesClient client() {
    return client;
  }

  @Override
  public Map<String, String> selector() {
    return Labels.selector(name);
  }

  /** Creates or replaces every object (an existing Service is kept: its cluster IP and node ports are immutable). */
  @Override
  public W deploy() {
    Apply.all(client, namespace, objects());
    return self();
  }

  /**
   * Waits until every Deployment and StatefulSet among the objects has all its replicas Ready, then until every Ready
   * node accepts connections on the node ports of each NodePort Service with a selector among them.
   */
  @Override
  public W awaitReady(Duration atMost) {
    for (HasMetadata object : objects()) {
      if (object instanceof Deployment) {
        Readiness.awaitDeployment(client, namespace, object.getMetadata().getName(), atMost);
      } else if (object instanceof StatefulSet) {
        Readiness.awaitStatefulSet(client, namespace, object.getMetadata().getName(), atMost);
      }
    }
    for (HasMetadata object : objects()) {
      if (object instanceof io.fabric8.kubernetes.api.model.Service s && "NodePort".equals(s.getSpec().getType())
          && s.getSpec().getSelector() != null && !s.getSpec().getSelector().isEmpty()) {
        Readiness.awaitNodePorts(client, namespace, s.getMetadata().getName(), atMost);
      }
    }
    return self();
  }

  @Override
  public List<Pod> pods() {
    return client.pods().inNamespace(namespace).withLabels(selector()).list().getItems();
  }

  /** The workload's PersistentVolumeClaims (a StatefulSet's, labelled like its pods). */
  public List<PersistentVolumeClaim> claims() {
    return client.persistentVolumeClaims().inNamespace(namespace).withLabels(selector()).list().getItems();
  }

  /** Deletes every object and the claims; harmless when they are already gone. */
  @Override
  public void teardown() {
    for (HasMetadata object : objects()) {
      client.resource(object).inNamespace(namespace).withPropagationPolicy(DeletionPropagation.BACKGROUND).delete();
    }
    client.persistentVolumeClaims().inNamespace(namespace).withLabels(selector()).delete();
  }

  @SuppressWarnings("unchecked")
  protected final W self() {
    return (W) this;
  }
}
