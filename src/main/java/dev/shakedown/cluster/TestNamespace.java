package dev.shakedown.cluster;

import dev.shakedown.internal.Waits;
import dev.shakedown.ShakedownException;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.Optional;
import java.time.Duration;
import java.util.Locale;
import java.util.Random;

/**
 * A test's own namespace, {@code sd-<test-slug>-<random>}, labelled {@link ShakedownLabels#RUN} and
 * {@link ShakedownLabels#MANAGED} so a later run can sweep it. {@link #close()} deletes it (idempotent);
 * {@link #awaitGone(Duration)} waits until the API server has finished deleting it.
 */
public final class TestNamespace implements AutoCloseable {

  static final int MAX_LENGTH = 63;
  private static final int SUFFIX_LENGTH = 5;

  private final KubernetesClient client;
  private final String name;

  private TestNamespace(KubernetesClient client, String name) {
    this.client = client;
    this.name = name;
  }

  /** Creates the namespace for a test. */
  public static TestNamespace create(KubernetesClient client, String testName, RunIdentity run) {
    String name = name(testName, new Random());
    client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(name)
        .addToLabels(ShakedownLabels.RUN, run.runId()).addToLabels(ShakedownLabels.MANAGED, "true")
        .addToLabels(ShakedownLabels.TEST, slug(testName, MAX_LENGTH))
        .addToAnnotations(ShakedownLabels.OWNER, run.owner()).endMetadata().build()).create();
    return new TestNamespace(client, name);
  }

  /** {@code sd-<slug>-<5 random [a-z0-9]>}, at most 63 characters, a valid DNS-1123 label. */
  public static String name(String testName, Random random) {
    String suffix = random.ints(SUFFIX_LENGTH, 0, 36).mapToObj(i -> Character.toString(Character.forDigit(i, 36)))
        .reduce("", String::concat);
    String slug = slug(testName, MAX_LENGTH - "sd-".length() - 1 - SUFFIX_LENGTH);
    return "sd-" + (slug.isEmpty() ? "" : slug + "-") + suffix;
  }

  /** Lower case, runs of other characters as one {@code -}, no leading or trailing {@code -}, cut to {@code max}. */
  public static String slug(String text, int max) {
    String slug = text.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-+|-+$", "");
    if (slug.length() > max) {
      slug = slug.substring(0, max).replaceAll("-+$", "");
    }
    return slug;
  }

  public String name() {
    return name;
  }

  /** Whether the namespace still exists (possibly Terminating). */
  public boolean exists() {
    return client.namespaces().withName(name).get() != null;
  }

  /** Deletes the namespace (background deletion of its content); harmless when it is already gone. */
  @Override
  public void close() {
    client.namespaces().withName(name).delete();
  }

  /**
   * Waits until the namespace is gone.
   *
   * @throws ShakedownException naming the namespace, its phase and the timeout
   */
  public void awaitGone(Duration atMost) {
    Waits.until("namespace/" + name + " deleted", atMost, Waits.POLL,
        () -> Optional.ofNullable(client.namespaces().withName(name).get()), Optional::isEmpty,
        ns -> "it still exists, phase " + ns.map(n -> n.getStatus() == null ? "unknown" : n.getStatus().getPhase())
            .orElse("gone"));
  }

  @Override
  public String toString() {
    return "namespace/" + name;
  }
}
