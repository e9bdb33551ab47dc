package dev.shakedown.cluster;

import com.github.dockerjava.api.DockerClient;
import dev.shakedown.ShakedownException;
import org.testcontainers.DockerClientFactory;

/** Access to Testcontainers' shared Docker client, with a clear error when no Docker engine answers. */
public final class DockerSupport {

  private DockerSupport() {}

  /**
   * Testcontainers' Docker client. Only the client is used: no containers are started by Testcontainers, so
   * its Ryuk reaper should be disabled ({@code TESTCONTAINERS_RYUK_DISABLED=true}).
   *
   * @throws ShakedownException when no Docker engine is reachable
   */
  public static DockerClient client() {
    try {
      return DockerClientFactory.instance().client();
    } catch (RuntimeException e) {
      throw new ShakedownException("Docker: no engine reachable (kind nodes are Docker containers); is dockerd running "
          + "and DOCKER_HOST right? " + e.getMessage(), e);
    }
  }
}
