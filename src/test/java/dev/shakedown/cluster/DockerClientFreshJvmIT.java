package dev.shakedown.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.model.Event;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Regression proof for the image pull a fresh machine hit: Shakedown's Docker client, started in a fresh JVM whose
 * home has no {@code ~/.testcontainers.properties} and with no Testcontainers setting in its environment, answers
 * within 5 s, and Docker records no image pull and no container made while it connects.
 */
class DockerClientFreshJvmIT {

  @TempDir
  Path home;

  @Test
  void connectsWithinFiveSecondsWithoutPullingOrStartingAnything() throws Exception {
    DockerClient docker = DockerSupport.client();
    boolean alpinePresent = !docker.listImagesCmd().withImageNameFilter("alpine:3.17").exec().isEmpty();
    assertThat(Files.exists(home.resolve(".testcontainers.properties"))).isFalse();

    long since = Instant.now().getEpochSecond() - 1;
    ProcessBuilder child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Duser.home=" + home, "-cp", System.getProperty("java.class.path"), DockerClientProbe.class.getName())
        .redirectErrorStream(true).redirectOutput(home.resolve("probe.log").toFile());
    child.environment().keySet().removeIf(name -> name.startsWith("TESTCONTAINERS_"));
    child.environment().put("HOME", home.toString());
    long start = System.nanoTime();
    Process process = child.start();
    boolean exited = process.waitFor(30, TimeUnit.SECONDS);
    Duration took = Duration.ofNanos(System.nanoTime() - start);
    if (!exited) {
      process.destroyForcibly();
    }
    String log = Files.readString(home.resolve("probe.log"), StandardCharsets.UTF_8);
    long until = Instant.now().getEpochSecond() + 1;

    assertThat(exited).as("probe JVM exited within 30 s; its output:%n%s", log).isTrue();
    assertThat(process.exitValue()).as("probe exit code; its output:%n%s", log).isZero();
    assertThat(log).as("probe output").contains("docker-api=").doesNotContain("alpine", "ryuk", "Retrying pull");
    assertThat(took).as("fresh JVM start to client answering (alpine:3.17 %s)", alpinePresent ? "present" : "absent")
        .isLessThan(Duration.ofSeconds(5));
    assertThat(events(docker, since, until)).as("image pulls and container creations while the probe connected")
        .noneMatch(e -> "pull".equals(e.getAction()) || "create".equals(e.getAction()) && e.getFrom() != null
            && !e.getFrom().startsWith("shakedown/"));
    System.out.printf("[shakedown] fresh-JVM Docker client: answered in %d ms (JVM start included), alpine:3.17 %s%n",
        took.toMillis(), alpinePresent ? "present" : "absent");
  }

  private static List<Event> events(DockerClient docker, long since, long until) throws InterruptedException {
    List<Event> events = new CopyOnWriteArrayList<>();
    docker.eventsCmd().withSince(Long.toString(since)).withUntil(Long.toString(until))
        .exec(new ResultCallback.Adapter<Event>() {
          @Override
          public void onNext(Event event) {
            events.add(event);
          }
        }).awaitCompletion(10, TimeUnit.SECONDS);
    return events;
  }

}
