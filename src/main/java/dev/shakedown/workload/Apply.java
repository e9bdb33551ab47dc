package dev.shakedown.workload;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.List;

/**
 * Creates a workload's objects, or replaces the existing ones. An existing Service is left as it is: its
 * cluster IP and node ports are immutable and a replacement without them would be refused.
 */
public final class Apply {

  private Apply() {}

  public static void all(KubernetesClient client, String namespace, List<HasMetadata> objects) {
    for (HasMetadata object : objects) {
      var resource = client.resource(object).inNamespace(namespace);
      if (object instanceof Service && resource.get() != null) {
        continue;
      }
      resource.createOr(existing -> existing.update());
    }
  }
}
