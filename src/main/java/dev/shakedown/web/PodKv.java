package dev.shakedown.web;

import dev.shakedown.internal.Waits;
import dev.shakedown.workload.Containers;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.LocalPortForward;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;

/**
 * One key of one pod's own store, reached through a fabric8 port-forward (pods are not routable from the test JVM,
 * and the Service would pick any replica). Each call retries on I/O errors within {@link #WITHIN}.
 */
final class PodKv {

  static final Duration WITHIN = Duration.ofSeconds(30);
  private static final Duration REQUEST = Duration.ofSeconds(5);

  private final KubernetesClient client;
  private final String namespace;
  private final String pod;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(REQUEST).build();

  PodKv(KubernetesClient client, String namespace, String pod) {
    this.client = client;
    this.namespace = namespace;
    this.pod = pod;
  }

  /** Stores {@code value} under {@code key} in this pod's store (fsynced before the 200). */
  void put(String key, String value) {
    Waits.until("PUT /kv/" + key + " on pod " + namespace + "/" + pod, WITHIN, Duration.ofSeconds(1),
        () -> send(HttpRequest.newBuilder().PUT(HttpRequest.BodyPublishers.ofString(value)), key),
        r -> r.filter(a -> a.statusCode() == 200).isPresent(), PodKv::describe);
  }

  /** The value under {@code key}, or empty when this pod's store does not have it (404). */
  Optional<String> get(String key) {
    HttpResponse<String> answer = Waits.until("GET /kv/" + key + " on pod " + namespace + "/" + pod, WITHIN,
        Duration.ofSeconds(1), () -> send(HttpRequest.newBuilder().GET(), key),
        r -> r.filter(a -> a.statusCode() == 200 || a.statusCode() == 404).isPresent(), PodKv::describe).orElseThrow();
    return answer.statusCode() == 200 ? Optional.of(answer.body()) : Optional.empty();
  }

  /** One exchange through a fresh port-forward; empty on an I/O error (the wait retries). */
  private Optional<HttpResponse<String>> send(HttpRequest.Builder request, String key) throws InterruptedException {
    try (LocalPortForward forward = client.pods().inNamespace(namespace).withName(pod).portForward(Containers.PORT)) {
      URI uri = URI.create("http://127.0.0.1:" + forward.getLocalPort() + "/kv/" + key);
      return Optional.of(http.send(request.uri(uri).timeout(REQUEST).build(), HttpResponse.BodyHandlers.ofString()));
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    }
  }

  private static String describe(Optional<HttpResponse<String>> answer) {
    return answer.map(a -> "HTTP " + a.statusCode() + " " + a.body()).orElse("no answer (port-forward or I/O error)");
  }
}
