package dev.shakedown.workload;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A workload made of the user's own manifests ({@link Manifests}): applied into the scenario's namespace, Ready when
 * every Deployment, StatefulSet and DaemonSet is fully Ready and every Job has completed. Every pod template gets the
 * label {@value #LABEL}{@code =<name>}, which is this workload's {@link #selector()}; each controller is a
 * {@link #part(String) part} (e.g. {@code statefulset/db}) for targets of its own. Before the deploy, every image
 * must be on a node ({@link Images#requireOnNodes}).
 */
public final class ManifestWorkload extends KubernetesWorkload<ManifestWorkload> {

  /** The label Shakedown adds to every pod template of the workload. */
  public static final String LABEL = "shakedown.dev/workload";

  private final List<HasMetadata> objects;

  ManifestWorkload(KubernetesClient client, String namespace, String name, List<HasMetadata> objects) {
    super(client, namespace, name);
    this.objects = List.copyOf(objects);
    for (HasMetadata object : this.objects) {
      PodTemplateSpec template = template(object);
      if (template != null) {
        if (template.getMetadata() == null) {
          template.setMetadata(new ObjectMetaBuilder().build());
        }
        if (template.getMetadata().getLabels() == null) {
          template.getMetadata().setLabels(new LinkedHashMap<>());
        }
        template.getMetadata().getLabels().put(LABEL, name);
      }
    }
  }

  @Override
  protected List<HasMetadata> objects() {
    return objects;
  }

  @Override
  public Map<String, String> selector() {
    return Map.of(LABEL, name);
  }

  /** Checks that every image is on a node, then applies the objects. */
  @Override
  public ManifestWorkload deploy() {
    Images.requireOnNodes(client, objects);
    return super.deploy();
  }

  /** Every controller fully Ready (DaemonSets: every scheduled pod) and every Job completed, within {@code atMost}. */
  @Override
  public ManifestWorkload awaitReady(Duration atMost) {
    super.awaitReady(atMost);
    for (HasMetadata object : objects) {
      if (object instanceof DaemonSet d) {
        Readiness.awaitDaemonSet(client, namespace, d.getMetadata().getName(), atMost);
      } else if (object instanceof Job j) {
        Readiness.awaitJob(client, namespace, j.getMetadata().getName(), atMost);
      }
    }
    return this;
  }

  /** The parts' names, e.g. {@code [deployment/web, statefulset/db]}. */
  public List<String> parts() {
    return objects.stream().filter(o -> template(o) != null).map(ManifestWorkload::partName).toList();
  }

  /**
   * One controller of the workload, as a workload of its own (for {@code Targets.pods(app.part("statefulset/db"))}):
   * its pods are those its selector matches; deploy and teardown stay with the whole.
   *
   * @throws IllegalArgumentException naming the parts that exist, when {@code kindSlashName} is none of them
   */
  public Workload part(String kindSlashName) {
    HasMetadata controller = objects.stream().filter(o -> template(o) != null)
        .filter(o -> partName(o).equalsIgnoreCase(kindSlashName)).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("workload " + name + " has no part " + kindSlashName
            + "; its parts: " + parts()));
    return new Part(this, partName(controller), selectorOf(controller));
  }

  /** The claims of the listed PersistentVolumeClaims and of every StatefulSet's volume claim templates. */
  @Override
  public List<PersistentVolumeClaim> claims() {
    return client.persistentVolumeClaims().inNamespace(namespace).list().getItems().stream()
        .filter(c -> ownsClaim(c.getMetadata().getName())).toList();
  }

  @Override
  public void teardown() {
    super.teardown();
    claims().forEach(c -> client.resource(c).delete());
  }

  private boolean ownsClaim(String claim) {
    for (HasMetadata object : objects) {
      if (object instanceof PersistentVolumeClaim && object.getMetadata().getName().equals(claim)) {
        return true;
      }
      if (object instanceof StatefulSet s && s.getSpec().getVolumeClaimTemplates() != null) {
        for (PersistentVolumeClaim template : s.getSpec().getVolumeClaimTemplates()) {
          if (claim.startsWith(template.getMetadata().getName() + "-" + s.getMetadata().getName() + "-")) {
            return true;
          }
        }
      }
    }
    return false;
  }

  @Override
  public String toString() {
    return "manifests " + namespace + "/" + name + " " + objects.stream()
        .map(o -> o.getKind() + "/" + o.getMetadata().getName()).toList();
  }

  /** The pod template of a controller or Job, else {@code null}. */
  static PodTemplateSpec template(HasMetadata object) {
    if (object instanceof Deployment d && d.getSpec() != null) {
      return d.getSpec().getTemplate();
    } else if (object instanceof StatefulSet s && s.getSpec() != null) {
      return s.getSpec().getTemplate();
    } else if (object instanceof DaemonSet d && d.getSpec() != null) {
      return d.getSpec().getTemplate();
    } else if (object instanceof Job j && j.getSpec() != null) {
      return j.getSpec().getTemplate();
    }
    return null;
  }

  private static String partName(HasMetadata object) {
    return object.getKind().toLowerCase(java.util.Locale.ROOT) + "/" + object.getMetadata().getName();
  }

  private Map<String, String> selectorOf(HasMetadata controller) {
    LabelSelector selector = controller instanceof Deployment d ? d.getSpec().getSelector()
        : controller instanceof StatefulSet s ? s.getSpec().getSelector()
        : controller instanceof DaemonSet d ? d.getSpec().getSelector() : null;
    Map<String, String> labels = new LinkedHashMap<>();
    if (selector != null && selector.getMatchLabels() != null) {
      labels.putAll(selector.getMatchLabels());
    }
    labels.put(LABEL, name);
    return labels;
  }

  /** One controller of a manifest workload. */
  private record Part(ManifestWorkload whole, String part, Map<String, String> selector) implements Workload {
    Part {
      Objects.requireNonNull(whole, "whole");
    }

    @Override
    public String name() {
      return whole.name() + ":" + part;
    }

    @Override
    public String namespace() {
      return whole.namespace();
    }

    @Override
    public Workload deploy() {
      whole.deploy();
      return this;
    }

    @Override
    public Workload awaitReady(Duration atMost) {
      whole.awaitReady(atMost);
      return this;
    }

    @Override
    public List<Pod> pods() {
      return whole.client().pods().inNamespace(namespace()).withLabels(selector).list().getItems();
    }

    @Override
    public void teardown() {
      // the whole tears down its parts
    }
  }
}
