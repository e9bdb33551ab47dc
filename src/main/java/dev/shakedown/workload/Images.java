package dev.shakedown.workload;

import dev.shakedown.ShakedownException;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerImage;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The images a workload runs, checked against what the nodes hold (each node's {@code status.images}, as the kubelet
 * reports them) before anything is deployed: no registry is reachable, so an image on no node would only hang in
 * {@code ImagePullBackOff} until the Ready timeout.
 */
public final class Images {

  /** How a user gets a local image onto the nodes. */
  public static final String LOAD_COMMAND = "bash kind-config/cluster load";

  private Images() {}

  /**
   * Loads local Docker images into every node of the kind cluster that lacks them ({@code kind-config/cluster load},
   * from the checkout or the copy in Shakedown's jar); bounded at 10 minutes.
   *
   * @throws ShakedownException with the script's own ERROR/FIX lines when it fails (say, an image Docker lacks)
   */
  public static void load(String... images) {
    if (images.length == 0) {
      throw new IllegalArgumentException("Images.load needs at least one image, e.g. Images.load(\"my/app:1.2\")");
    }
    java.nio.file.Path script = dev.shakedown.cluster.KindConfig.locate(java.nio.file.Path.of(
        System.getProperty("shakedown.kindConfig", "kind-config"))).resolve("cluster");
    List<String> command = new ArrayList<>(List.of("bash", script.toString(), "load"));
    command.addAll(List.of(images));
    try {
      java.nio.file.Path log = java.nio.file.Files.createTempFile("shakedown-load", ".log");
      Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
      boolean done = process.waitFor(10, java.util.concurrent.TimeUnit.MINUTES);
      if (!done) {
        process.destroyForcibly();
      }
      String out = java.nio.file.Files.readString(log);
      System.out.print(out);
      if (!done || process.exitValue() != 0) {
        throw new ShakedownException("loading " + List.of(images) + " into the nodes failed" + (done ? "" : " (10 min)")
            + ": " + out.strip());
      }
    } catch (java.io.IOException e) {
      throw new ShakedownException("cannot run " + String.join(" ", command) + ": " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ShakedownException("interrupted while loading " + List.of(images), e);
    }
  }

  /** Image reference → where it is used ({@code Deployment/web container app}), for every container of {@code objects}. */
  public static Map<String, String> usedBy(List<HasMetadata> objects) {
    Map<String, String> used = new LinkedHashMap<>();
    for (HasMetadata object : objects) {
      PodTemplateSpec template = ManifestWorkload.template(object);
      if (template == null || template.getSpec() == null) {
        continue;
      }
      Stream.concat(stream(template.getSpec().getInitContainers()), stream(template.getSpec().getContainers()))
          .forEach(c -> used.putIfAbsent(c.getImage(), object.getKind() + "/" + object.getMetadata().getName()
              + " container " + c.getName()));
    }
    return used;
  }

  /**
   * Fails, naming each image and the command that loads it, when an image of {@code objects} is on no node.
   *
   * @throws ShakedownException listing the missing images
   */
  public static void requireOnNodes(KubernetesClient client, List<HasMetadata> objects) {
    Set<String> present = client.nodes().list().getItems().stream().map(Node::getStatus)
        .filter(s -> s != null && s.getImages() != null).flatMap(s -> s.getImages().stream())
        .map(ContainerImage::getNames).filter(n -> n != null).flatMap(List::stream).collect(Collectors.toSet());
    List<String> missing = new ArrayList<>();
    usedBy(objects).forEach((image, where) -> {
      if (!present.contains(normalize(image))) {
        missing.add(image + " (" + where + ")");
      }
    });
    if (!missing.isEmpty()) {
      throw new ShakedownException("image(s) on no node of the cluster, so the pods would never start (no registry is"
          + " reachable): " + String.join(", ", missing) + "; load them with: " + LOAD_COMMAND + " "
          + missing.stream().map(m -> m.substring(0, m.indexOf(' '))).collect(Collectors.joining(" ")));
    }
  }

  /**
   * The name the kubelet reports for {@code image}: a registry host and, for Docker Hub, {@code library/} added; a
   * digest kept; {@code :latest} added when there is no tag.
   */
  static String normalize(String image) {
    String name = image;
    int slash = name.indexOf('/');
    String first = slash < 0 ? "" : name.substring(0, slash);
    boolean hasRegistry = slash >= 0 && (first.contains(".") || first.contains(":") || first.equals("localhost"));
    if (!hasRegistry) {
      name = "docker.io/" + (slash < 0 ? "library/" : "") + name;
    }
    boolean tagged = name.contains("@") || name.substring(name.lastIndexOf('/') + 1).contains(":");
    return tagged ? name : name + ":latest";
  }

  private static Stream<Container> stream(List<Container> containers) {
    return containers == null ? Stream.empty() : containers.stream();
  }
}
