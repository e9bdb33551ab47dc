package dev.shakedown.cluster;

/**
 * Connects to the cluster a run uses. The default is {@link KubeconfigClusterProvider}; the extension takes
 * another implementation (public, no-argument constructor) from the setting {@code shakedown.clusterProvider}.
 */
@FunctionalInterface
public interface ClusterProvider {

  /**
   * Returns a reachable cluster.
   *
   * @throws ContextRefusedException when the context is not allow-listed
   * @throws ClusterUnavailableException when the cluster cannot be reached within the settings' bounds
   */
  Cluster connect(ClusterSettings settings);
}
