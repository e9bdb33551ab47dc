package dev.shakedown.cluster;

/** Run by {@link DockerClientFreshJvmIT} in a JVM of its own: connects Shakedown's Docker client once. */
public final class DockerClientProbe {

  private DockerClientProbe() {}

  public static void main(String[] args) {
    long start = System.nanoTime();
    String api = DockerSupport.client().versionCmd().exec().getApiVersion();
    System.out.println("docker-api=" + api + " millis=" + (System.nanoTime() - start) / 1_000_000);
  }
}
