package dev.shakedown.observe;

import dev.shakedown.history.Timeline;

import dev.shakedown.cluster.Scope;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Feeds a {@link Timeline} from fabric8 informers: pods and core/v1 Events of one namespace, and the
 * cluster's nodes. Each entry carries the API server's own time for the change when the object has one
 * (condition transition times, event times), so {@link TimelineEvent#lag()} shows how late the harness saw
 * it. Start it before the scenario acts; {@link #close()} stops the informers.
 *
 * <p>While the API server is away the informers see nothing, and fabric8 reconnects their watches by itself,
 * without a callback (its exception handler only hears of a failed re-list). So the recorder samples each
 * informer's {@link SharedIndexInformer#isWatching()} every {@link #WATCH_SAMPLE_MILLIS} ms and marks the gap:
 * source {@code informer}, kind {@code watch-lost} and then {@code watch-resumed} (detail: how long it lasted),
 * subject {@code informer/nodes}, {@code informer/pods} or {@code informer/events}. What changed inside the gap
 * reaches the timeline late, or (for a pod that came and went) not at all.
 */
public final class TimelineRecorder implements AutoCloseable {

  /** How often the recorder asks each informer whether its watch is open. */
  public static final long WATCH_SAMPLE_MILLIS = 250;

  private final List<SharedIndexInformer<?>> informers = new ArrayList<>();
  private final List<WatchGaps> watches = new java.util.concurrent.CopyOnWriteArrayList<>();
  private final ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread t = new Thread(r, "shakedown-watch-gaps");
    t.setDaemon(true);
    return t;
  });

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
      recorder.add("nodes", client.nodes().inform(new NodeRecorder(timeline), 0), timeline);
      recorder.add("pods", client.pods().inNamespace(namespace).inform(new PodRecorder(timeline), 0), timeline);
      recorder.add("events", client.v1().events().inNamespace(namespace).inform(new EventRecorder(timeline), 0),
          timeline);
    } catch (RuntimeException e) {
      recorder.close();
      throw e;
    }
    recorder.sampler.scheduleWithFixedDelay(recorder::sample, WATCH_SAMPLE_MILLIS, WATCH_SAMPLE_MILLIS,
        TimeUnit.MILLISECONDS);
    return recorder;
  }

  private void add(String resource, SharedIndexInformer<?> informer, Timeline timeline) {
    informers.add(informer);
    watches.add(new WatchGaps("informer/" + resource, informer::isWatching, timeline));
  }

  private volatile boolean closed;

  /** Never throws: an exception would cancel every later sample of the fixed-delay schedule. */
  private void sample() {
    for (WatchGaps gaps : watches) {
      if (closed) {
        return;   // closing informers are not a gap
      }
      try {
        gaps.sample();
      } catch (RuntimeException e) {
        // a sample that failed says nothing; the next one asks again
      }
    }
  }

  /** Whether every informer is still watching. */
  public boolean isWatching() {
    return !informers.isEmpty() && informers.stream().allMatch(SharedIndexInformer::isWatching);
  }

  @Override
  public void close() {
    closed = true;
    sampler.shutdownNow();
    informers.forEach(SharedIndexInformer::close);
    informers.clear();
    watches.clear();
  }
}
