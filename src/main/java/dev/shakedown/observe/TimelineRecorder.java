package dev.shakedown.observe;

import dev.shakedown.history.Timeline;

import dev.shakedown.cluster.Scope;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Feeds a {@link Timeline} from fabric8 informers: pods and core/v1 Events of one namespace, and the
 * cluster's nodes. Each entry carries the API server's own time for the change when the object has one
 * (condition transition times, event times), so {@link TimelineEvent#lag()} shows how late the harness saw
 * it. Start it before the scenario acts; {@link #close()} stops the informers.
 */
public final class TimelineRecorder implements AutoCloseable {

  private final List<SharedIndexInformer<?>> informers = new ArrayList<>();

  private TimelineRecorder() {}

  /** Starts recording the scenario's namespace and the cluster's nodes; closed with the scenario. */
  public static TimelineRecorder start(Scope ctx) {
    return ctx.register(start(ctx.client(), ctx.namespace(), ctx.timeline()));
  }

  /** Starts the three informers; returns once each has listed its resources (their ADDED entries recorded). */
  public static TimelineRecorder start(KubernetesClient client, String namespace, Timeline timeline) {
    Objects.requireNonNull(client, "client");
    Objects.requireNonNull(namespace, "namespace");
    Objects.requireNonNull(timeline, "timeline");
    TimelineRecorder recorder = new TimelineRecorder();
    try {
      recorder.informers.add(client.nodes().inform(new NodeRecorder(timeline), 0));
      recorder.informers.add(client.pods().inNamespace(namespace).inform(new PodRecorder(timeline), 0));
      recorder.informers.add(client.v1().events().inNamespace(namespace).inform(new EventRecorder(timeline), 0));
    } catch (RuntimeException e) {
      recorder.close();
      throw e;
    }
    return recorder;
  }

  /** Whether every informer is still watching. */
  public boolean isWatching() {
    return !informers.isEmpty() && informers.stream().allMatch(SharedIndexInformer::isWatching);
  }

  @Override
  public void close() {
    informers.forEach(SharedIndexInformer::close);
    informers.clear();
  }
}
