package dev.shakedown.web;

import dev.shakedown.cluster.Scope;
import dev.shakedown.workload.KubernetesWorkload;
import dev.shakedown.workload.Containers;
import dev.shakedown.workload.Labels;
import dev.shakedown.workload.Workloads;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudgetBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A stateless HTTP service: a Deployment of the workload image (default 3 replicas, readiness and liveness
 * probes), a NodePort Service, and a PodDisruptionBudget (default {@code minAvailable = replicas - 1}).
 * {@code replicas(1).pdb(false)} gives the deliberately fragile variant. Configure, then {@link #deploy()}.
 */
public final class HttpService extends KubernetesWorkload<HttpService> {

  private String image = Workloads.image();
  private int replicas = 3;
  private boolean pdb = true;
  private Integer minAvailable;

  /** A stateless HTTP service named {@code web} (3 replicas, PDB, probes, NodePort), torn down with the scenario. */
  public static HttpService of(Scope scope) {
    return scope.register(new HttpService(scope.client(), scope.namespace(), "web"));
  }

  public static HttpService of(KubernetesClient client, String namespace, String name) {
    return new HttpService(client, namespace, name);
  }

  HttpService(KubernetesClient client, String namespace, String name) {
    super(client, namespace, name);
  }

  public HttpService replicas(int replicas) {
    if (replicas < 0) {
      throw new IllegalArgumentException("replicas must be >= 0, was " + replicas);
    }
    this.replicas = replicas;
    return this;
  }

  /** Whether to create a PodDisruptionBudget (default {@code true}). */
  public HttpService pdb(boolean pdb) {
    this.pdb = pdb;
    return this;
  }

  /** The PDB's {@code minAvailable} when the service deploys one, else {@code null}. */
  public Integer minAvailable() {
    return pdb ? (minAvailable != null ? minAvailable : replicas - 1) : null;
  }

  /** The PDB's {@code minAvailable} (default {@code replicas - 1}); implies {@code pdb(true)}. */
  public HttpService minAvailable(int minAvailable) {
    this.minAvailable = minAvailable;
    this.pdb = true;
    return this;
  }

  public HttpService image(String image) {
    this.image = Objects.requireNonNull(image, "image");
    return this;
  }

  public int replicas() { return replicas; }

  /** The objects {@link #deploy()} creates, in creation order. */
  public List<HasMetadata> manifests() {
    List<HasMetadata> objects = new ArrayList<>(List.of(deployment(), service()));
    if (pdb) {
      objects.add(podDisruptionBudget());
    }
    return objects;
  }

  public Deployment deployment() {
    return new DeploymentBuilder()
        .withNewMetadata().withName(name).withNamespace(namespace).withLabels(Labels.of(name)).endMetadata()
        .withNewSpec()
          .withReplicas(replicas)
          .withNewSelector().withMatchLabels(selector()).endSelector()
          .withNewTemplate()
            .withNewMetadata().withLabels(Labels.of(name)).endMetadata()
            .withNewSpec()
              .withTerminationGracePeriodSeconds(5L)
              .withContainers(Containers.workload(image, List.of()))
            .endSpec()
          .endTemplate()
        .endSpec()
        .build();
  }

  public Service service() {
    return new ServiceBuilder()
        .withNewMetadata().withName(name).withNamespace(namespace).withLabels(Labels.of(name)).endMetadata()
        .withNewSpec()
          .withType("NodePort")
          .withSelector(selector())
          .addNewPort().withName("http").withPort(80).withTargetPort(new IntOrString("http")).endPort()
        .endSpec()
        .build();
  }

  public PodDisruptionBudget podDisruptionBudget() {
    int min = minAvailable != null ? minAvailable : Math.max(0, replicas - 1);
    return new PodDisruptionBudgetBuilder()
        .withNewMetadata().withName(name).withNamespace(namespace).withLabels(Labels.of(name)).endMetadata()
        .withNewSpec()
          .withMinAvailable(new IntOrString(min))
          .withNewSelector().withMatchLabels(selector()).endSelector()
        .endSpec()
        .build();
  }

  /** The NodePort the Service was given; throws when the Service is missing. */
  public int nodePort() {
    Service service = client.services().inNamespace(namespace).withName(name).get();
    if (service == null) {
      throw new dev.shakedown.ShakedownException("Service " + namespace + "/" + name + " not found: deploy() first");
    }
    return service.getSpec().getPorts().get(0).getNodePort();
  }

  @Override
  protected List<HasMetadata> objects() {
    return manifests();
  }

  @Override
  public String toString() {
    return "HttpService " + namespace + "/" + name + " (replicas " + replicas + ", pdb " + pdb + ")";
  }
}
