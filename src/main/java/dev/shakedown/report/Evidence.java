package dev.shakedown.report;

import dev.shakedown.history.Timeline;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Gathers a test's evidence at its end and attaches it to the Allure report: the timeline (text and JSON), the
 * Kubernetes events of the namespace, and the logs (current and previous) of every container that restarted.
 * Evidence is best effort: a failure to gather one item is attached as text instead of failing the test.
 */
public final class Evidence {

  static final int LOG_LINES = 500;
  private static final KubernetesSerialization JSON = new KubernetesSerialization();

  private Evidence() {}

  /** Attaches everything; never throws. */
  public static void attach(KubernetesClient client, String namespace, Timeline timeline) {
    attachSafely("timeline", "text/plain", "txt", () -> TimelineText.render(timeline.snapshot()));
    attachSafely("timeline.json", "application/json", "json", () -> JSON.asJson(timeline.snapshot()));
    attachSafely("events of namespace " + namespace, "text/plain", "txt", () -> events(client, namespace));
    Map<String, String> logs;
    try {
      logs = restartedLogs(client, namespace);
    } catch (RuntimeException e) {
      logs = Map.of("pods of namespace " + namespace, "could not list pods: " + e);
    }
    logs.forEach((name, text) -> attachSafely(name, "text/plain", "txt", () -> text));
  }

  /**
   * The logs of every container that restarted, previous and current instance, by attachment name
   * ({@code log <pod>/<container> (previous, restarts=N)}); a log that cannot be read is replaced by the error.
   */
  static Map<String, String> restartedLogs(KubernetesClient client, String namespace) {
    Map<String, String> logs = new LinkedHashMap<>();
    for (Pod pod : client.pods().inNamespace(namespace).list().getItems()) {
      String name = pod.getMetadata().getName();
      for (ContainerStatus status : restarted(pod)) {
        String container = status.getName();
        logs.put("log " + name + "/" + container + " (previous, restarts=" + status.getRestartCount() + ")",
            readLog(client, namespace, name, container, true));
        logs.put("log " + name + "/" + container + " (current)", readLog(client, namespace, name, container, false));
      }
    }
    return logs;
  }

  /** The containers of a pod (init containers included) whose restart count is above zero. */
  static List<ContainerStatus> restarted(Pod pod) {
    List<ContainerStatus> restarted = new ArrayList<>();
    if (pod.getStatus() != null) {
      pod.getStatus().getInitContainerStatuses().stream().filter(Evidence::restarted).forEach(restarted::add);
      pod.getStatus().getContainerStatuses().stream().filter(Evidence::restarted).forEach(restarted::add);
    }
    return restarted;
  }

  private static boolean restarted(ContainerStatus status) {
    return status.getRestartCount() != null && status.getRestartCount() > 0;
  }

  /** One line per event, oldest first: {@code time type reason kind/name: message (xcount)}. */
  static String events(KubernetesClient client, String namespace) {
    List<Event> events = new ArrayList<>(client.v1().events().inNamespace(namespace).list().getItems());
    events.sort(Comparator.comparing(Evidence::when, Comparator.nullsFirst(Comparator.naturalOrder())));
    StringBuilder text = new StringBuilder();
    for (Event e : events) {
      text.append(when(e)).append("  ").append(e.getType()).append("  ").append(e.getReason()).append("  ")
          .append(e.getInvolvedObject() == null ? "?" : e.getInvolvedObject().getKind() + "/" + e.getInvolvedObject().getName())
          .append(": ").append(Objects.toString(e.getMessage(), "").strip())
          .append(e.getCount() != null && e.getCount() > 1 ? " (x" + e.getCount() + ")" : "").append('\n');
    }
    return text.length() == 0 ? "(no events)\n" : text.toString();
  }

  private static String when(Event e) {
    if (e.getLastTimestamp() != null) {
      return e.getLastTimestamp();
    }
    if (e.getEventTime() != null && e.getEventTime().getTime() != null) {
      return e.getEventTime().getTime();
    }
    return e.getMetadata() == null ? null : e.getMetadata().getCreationTimestamp();
  }

  private static String readLog(KubernetesClient client, String namespace, String pod, String container, boolean previous) {
    try {
      return client.pods().inNamespace(namespace).withName(pod).inContainer(container).tailingLines(LOG_LINES)
          .getLog(previous);
    } catch (RuntimeException e) {
      return "could not read the log: " + e.getMessage();
    }
  }

  private static void attachSafely(String name, String type, String extension, java.util.function.Supplier<String> content) {
    String text;
    try {
      text = content.get();
    } catch (RuntimeException e) {
      text = "could not gather " + name + ": " + e;
    }
    try {
      AllureReport.attachText(name, type, extension, text == null ? "" : text);
    } catch (RuntimeException e) {
      System.err.println("[shakedown] could not attach " + name + " to the Allure report: " + e);
    }
  }
}
