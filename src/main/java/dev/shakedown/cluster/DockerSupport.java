package dev.shakedown.cluster;

import com.github.dockerjava.api.DockerClient;
import dev.shakedown.ShakedownException;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;
import org.testcontainers.dockerclient.DockerClientProviderStrategy;

/**
 * Shakedown's Docker client: Testcontainers' engine discovery ({@code DOCKER_HOST}, {@code docker.host} in
 * {@code ~/.testcontainers.properties}, the local socket, ...) and its transport, and nothing else.
 *
 * <p>{@code DockerClientFactory.client()} is deliberately not used. On a host that is itself a container
 * ({@code /.dockerenv}) it starts a throwaway {@code alpine:3.17} container to find the Docker host's address,
 * which pulls the image when it is absent (2 minutes of retries where no registry answers, and
 * {@code checks.disable} does not turn it off), and it initialises Ryuk, whose image cannot be pulled either.
 * Shakedown starts no container through Testcontainers, so it needs neither: no image is ever pulled and no
 * Ryuk runs, whatever the user's Testcontainers configuration says.
 */
public final class DockerSupport {

  private static DockerClient client;

  private DockerSupport() {}

  /**
   * The shared client, connected on first use.
   *
   * @throws ShakedownException naming where the engine was looked for and why it did not answer
   */
  public static synchronized DockerClient client() {
    if (client == null) {
      client = connect();
    }
    return client;
  }

  private static DockerClient connect() {
    List<DockerClientProviderStrategy> strategies = new ArrayList<>();
    ServiceLoader.load(DockerClientProviderStrategy.class).forEach(strategies::add);
    try {
      return DockerClientProviderStrategy.getFirstValidStrategy(strategies).getDockerClient();
    } catch (RuntimeException e) {
      String host = System.getenv("DOCKER_HOST");
      throw new ShakedownException("Docker: no engine answers at " + (host == null ? "unix:///var/run/docker.sock"
          + " (DOCKER_HOST unset)" : "DOCKER_HOST=" + host) + "; kind nodes are Docker containers, so start the engine "
          + "('kind-config/cluster up' does) or set DOCKER_HOST. Cause: " + e.getMessage(), e);
    }
  }
}
