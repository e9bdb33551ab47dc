package dev.shakedown.cluster;

import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceSpec;
import io.fabric8.kubernetes.api.model.ServiceSpecBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.Serialization;
import dev.shakedown.internal.Waits;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A Service a fault re-pointed at a proxy keeps its original selector and ports in an annotation, so that the heal,
 * or the sweep after a killed run, can put it back and delete the proxy's own objects.
 */
public final class ServiceResidue {

  /** Annotation on a re-pointed Service: its original {@code spec.selector} and {@code spec.ports}, as JSON. */
  public static final String ORIGINAL = "shakedown.dev/original-service";
  /** Label on the proxy's Deployment and its upstream Service: the name of the Service it stands in front of. */
  public static final String PROXY_FOR = "shakedown.dev/proxy-for";

  private ServiceResidue() {}

  /** The annotation's value for a Service's current selector and ports. */
  public static String original(Service service) {
    return Serialization.asJson(new ServiceSpecBuilder().withSelector(service.getSpec().getSelector())
        .withPorts(service.getSpec().getPorts()).build());
  }

  /**
   * Puts one Service's selector and ports back from its annotation, then deletes the objects labelled as its proxy;
   * returns whether there was anything to put back.
   */
  public static boolean restore(KubernetesClient client, String namespace, String name) {
    boolean restored = restoreSpec(client, namespace, name);
    deleteProxy(client, namespace, name, Duration.ofMinutes(1));
    return restored;
  }

  /** Puts the Service's selector and ports back from its annotation and drops it; false when there is none. */
  public static boolean restoreSpec(KubernetesClient client, String namespace, String name) {
    Service service = client.services().inNamespace(namespace).withName(name).get();
    Map<String, String> annotations = service == null ? null : service.getMetadata().getAnnotations();
    if (annotations == null || !annotations.containsKey(ORIGINAL)) {
      return false;
    }
    ServiceSpec saved = Serialization.unmarshal(annotations.get(ORIGINAL), ServiceSpec.class);
    client.services().inNamespace(namespace).withName(name).edit(s -> {
      s.getSpec().setSelector(saved.getSelector());
      s.getSpec().setPorts(saved.getPorts());
      s.getMetadata().getAnnotations().remove(ORIGINAL);
      return s;
    });
    return true;
  }

  /**
   * Deletes the proxy's Deployment and waits (bounded) until its pods are gone, then its upstream Service: a proxy
   * pod still serving stale routes while it terminates keeps its way to the workload.
   */
  public static void deleteProxy(KubernetesClient client, String namespace, String name, Duration atMost) {
    client.apps().deployments().inNamespace(namespace).withLabel(PROXY_FOR, name).delete();
    Waits.untilTrue("the proxy pods of service/" + namespace + "/" + name + " gone", atMost, Waits.POLL,
        () -> client.pods().inNamespace(namespace).withLabel(PROXY_FOR, name).list().getItems().isEmpty());
    client.services().inNamespace(namespace).withLabel(PROXY_FOR, name).delete();
  }

  /** Restores every re-pointed Service in namespaces that are not being deleted; one line per Service. */
  public static List<String> restoreAll(KubernetesClient client) {
    List<String> actions = new ArrayList<>();
    for (Service s : client.services().inAnyNamespace().list().getItems()) {
      Map<String, String> annotations = s.getMetadata().getAnnotations();
      if (annotations == null || !annotations.containsKey(ORIGINAL)) {
        continue;
      }
      String ns = s.getMetadata().getNamespace();
      Namespace namespace = client.namespaces().withName(ns).get();
      if (namespace == null || namespace.getMetadata().getDeletionTimestamp() != null) {
        continue;
      }
      restore(client, ns, s.getMetadata().getName());
      actions.add("restored service/" + ns + "/" + s.getMetadata().getName() + " (selector and ports; proxy deleted)");
    }
    return actions;
  }
}
