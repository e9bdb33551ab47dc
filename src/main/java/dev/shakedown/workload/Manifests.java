package dev.shakedown.workload;

import dev.shakedown.ShakedownException;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.MappingIterator;
import tools.jackson.databind.ObjectReader;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * A user's Kubernetes manifests, read from YAML files or directories (every {@code *.yaml} / {@code *.yml}, sorted by
 * path; a file may hold several documents). Each object must be of a {@link #SUPPORTED supported}, namespaced kind;
 * its namespace is set to the scenario's. Every problem is one {@link ManifestException} naming the file, the line of
 * the document and what was wrong, before anything is deployed.
 */
public final class Manifests {

  /** The kinds a manifest workload may hold, by {@code kind}. */
  public static final Map<String, Class<? extends HasMetadata>> SUPPORTED = Map.of(
      "Deployment", Deployment.class, "StatefulSet", StatefulSet.class, "DaemonSet", DaemonSet.class,
      "Service", Service.class, "PodDisruptionBudget", PodDisruptionBudget.class, "ConfigMap", ConfigMap.class,
      "Secret", Secret.class, "PersistentVolumeClaim", PersistentVolumeClaim.class, "Job", Job.class);

  private static final ObjectReader DOCUMENTS = YAMLMapper.builder().build().readerFor(Map.class);
  private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

  private Manifests() {}

  /** A bad manifest: the message names the file, the line and what was wrong. */
  public static final class ManifestException extends ShakedownException {
    ManifestException(String message, Throwable cause) {
      super(message, cause);
    }
  }

  /**
   * Every object in {@code paths} (files, or directories read recursively), in order, placed in {@code namespace}.
   *
   * @throws ManifestException on a file that does not exist or parse, an unsupported or cluster-scoped kind, or a
   *     document without a kind or name
   */
  public static List<HasMetadata> read(String namespace, Path... paths) {
    if (paths.length == 0) {
      throw new IllegalArgumentException("manifests: give at least one YAML file or directory");
    }
    List<HasMetadata> objects = new ArrayList<>();
    for (Path file : files(paths)) {
      objects.addAll(readFile(file, namespace));
    }
    if (objects.isEmpty()) {
      throw new ManifestException("manifests " + List.of(paths) + ": no Kubernetes object in them", null);
    }
    return objects;
  }

  private static List<Path> files(Path... paths) {
    List<Path> files = new ArrayList<>();
    for (Path path : paths) {
      if (Files.isDirectory(path)) {
        try (Stream<Path> walk = Files.walk(path)) {
          walk.filter(Files::isRegularFile).filter(p -> p.toString().endsWith(".yaml") || p.toString().endsWith(".yml"))
              .sorted().forEach(files::add);
        } catch (IOException e) {
          throw new ManifestException(path + ": cannot list the directory: " + e.getMessage(), e);
        }
      } else if (Files.isRegularFile(path)) {
        files.add(path);
      } else {
        throw new ManifestException(path + ": no such file or directory", null);
      }
    }
    return files;
  }

  private static List<HasMetadata> readFile(Path file, String namespace) {
    List<HasMetadata> objects = new ArrayList<>();
    try (MappingIterator<Map<String, Object>> documents = DOCUMENTS.readValues(file.toFile())) {
      while (documents.hasNextValue()) {
        int line = documents.currentLocation() == null ? 0 : documents.currentLocation().getLineNr();
        Map<String, Object> document = documents.nextValue();
        if (document != null && !document.isEmpty()) {
          objects.add(object(file, line, document, namespace));
        }
      }
    } catch (JacksonException e) {
      int line = e.getLocation() == null ? 0 : e.getLocation().getLineNr();
      throw new ManifestException(file + ":" + line + ": not valid YAML: " + e.getOriginalMessage(), e);
    }
    return objects;
  }

  private static HasMetadata object(Path file, int line, Map<String, Object> document, String namespace) {
    String where = file + ":" + line;
    Object kind = document.get("kind");
    if (!(kind instanceof String k) || k.isBlank()) {
      throw new ManifestException(where + ": a document without a kind; supported: " + supported(), null);
    }
    Class<? extends HasMetadata> type = SUPPORTED.get(k);
    if (type == null) {
      throw new ManifestException(where + ": kind " + k + " is not supported" + (clusterScoped(k)
          ? " (it is cluster-scoped: a rehearsal acts only in its own namespace)" : "") + "; supported: " + supported(),
          null);
    }
    HasMetadata object;
    try {
      object = SERIALIZATION.convertValue(document, type);
    } catch (RuntimeException e) {
      throw new ManifestException(where + ": " + k + " does not match its schema: " + e.getMessage(), e);
    }
    if (object.getMetadata() == null || object.getMetadata().getName() == null) {
      throw new ManifestException(where + ": " + k + " without metadata.name", null);
    }
    object.getMetadata().setNamespace(namespace);
    return object;
  }

  private static boolean clusterScoped(String kind) {
    return List.of("Namespace", "Node", "PersistentVolume", "StorageClass", "ClusterRole", "ClusterRoleBinding",
        "CustomResourceDefinition", "PriorityClass", "IngressClass", "ValidatingWebhookConfiguration",
        "MutatingWebhookConfiguration").contains(kind);
  }

  private static String supported() {
    return String.join(", ", SUPPORTED.keySet().stream().sorted().toList());
  }
}
