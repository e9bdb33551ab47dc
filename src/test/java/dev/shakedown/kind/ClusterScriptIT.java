package dev.shakedown.kind;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bad input to {@code kind-config/cluster} ends with one clear line saying what is wrong and how to fix it,
 * and a non-zero exit, never a stack of shell errors.
 */
class ClusterScriptIT {

  static final Path KIND_CONFIG = Path.of(System.getProperty("shakedown.kindConfig", "kind-config")).toAbsolutePath();

  record Result(int exit, String stderr) {}

  static Result run(Path kindConfig, Map<String, String> env, List<String> prefix, String... args) throws Exception {
    var command = new java.util.ArrayList<>(prefix);
    command.add("bash");
    command.add(kindConfig.resolve("cluster").toString());
    command.addAll(List.of(args));
    Path stderr = Files.createTempFile("cluster-script", ".err");
    ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(ProcessBuilder.Redirect.DISCARD)
        .redirectError(stderr.toFile());
    builder.environment().putAll(env);
    Process process = builder.start();
    boolean finished = process.waitFor(120, TimeUnit.SECONDS);
    if (!finished) {
      process.descendants().forEach(ProcessHandle::destroyForcibly);
      process.destroyForcibly();
    }
    String text = Files.readString(stderr, StandardCharsets.UTF_8);
    Files.delete(stderr);
    assertThat(finished).as("cluster %s finished within 120 s; it printed: %s", String.join(" ", args), text).isTrue();
    return new Result(process.exitValue(), text);
  }

  /** A copy of kind-config in {@code dir} (new files: readable by every user, wherever the checkout lives). */
  static Path copyOfKindConfig(Path dir) throws IOException {
    Path copy = dir.resolve("kind-config");
    try (var files = Files.walk(KIND_CONFIG)) {
      for (Path source : files.toList()) {
        Path target = copy.resolve(KIND_CONFIG.relativize(source).toString());
        if (Files.isDirectory(source)) Files.createDirectories(target); else Files.copy(source, target);
      }
    }
    return copy;
  }

  /** A copy of kind-config whose versions.env pins versions the Go module proxy does not serve. */
  static Path withUnservedPins(Path dir) throws IOException {
    Path copy = copyOfKindConfig(dir);
    Path versions = copy.resolve("versions.env");
    Files.writeString(versions, Files.readString(versions)
        .replaceAll("(?m)^KIND_VERSION=.*$", "KIND_VERSION=v0.99.0")
        .replaceAll("(?m)^KUBERNETES_VERSION=.*$", "KUBERNETES_VERSION=v1.99.0"));
    return copy;
  }

  @Test
  void unknownSubcommandIsNamedWithTheValidOnes() throws Exception {
    Result result = run(KIND_CONFIG, Map.of(), List.of(), "frobnicate");

    assertThat(result.exit()).isNotZero();
    assertThat(result.stderr()).contains("ERROR: unknown subcommand 'frobnicate'")
        .contains("use one of: up, down, status, build, images, load, helm");
  }

  @Test
  void loadPutsALocalImageOnEveryNodeOnceAndNamesAnImageDockerDoesNotHave() throws Exception {
    Result present = run(KIND_CONFIG, Map.of(), List.of(), "load", "shakedown/workload:0.1");
    assertThat(present.exit()).as(present.stderr()).isZero();
    assertThat(present.stderr()).contains("shakedown/workload:0.1 is on every node already");

    Result missing = run(KIND_CONFIG, Map.of(), List.of(), "load", "acme/shop:9.9");
    assertThat(missing.exit()).isNotZero();
    assertThat(missing.stderr()).contains("ERROR: image acme/shop:9.9 is not in Docker's image store on this machine")
        .contains("FIX:   build or tag it first: docker build -t acme/shop:9.9 .");
  }

  @Test
  void unknownClusterConfigIsNamed() throws Exception {
    Result result = run(KIND_CONFIG, Map.of(), List.of(), "status", "no-such-config");

    assertThat(result.exit()).isNotZero();
    assertThat(result.stderr()).contains("unknown cluster config 'no-such-config'").contains("shakedown single");
  }

  @Test
  void aPinnedVersionTheProxyDoesNotServeIsNamed(@TempDir Path dir) throws Exception {
    Result result = run(withUnservedPins(dir), Map.of("SHAKEDOWN_CACHE", dir.resolve("cache").toString()), List.of(), "build");

    assertThat(result.exit()).isNotZero();
    assertThat(result.stderr()).contains("does not serve sigs.k8s.io/kind@v0.99.0")
        .contains("kind-config/versions.env");
  }

  @Test
  void aMissingGoToolchainIsNamed(@TempDir Path dir) throws Exception {
    Map<String, String> env = Map.of("SHAKEDOWN_CACHE", dir.resolve("cache").toString(),
        "PATH", "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin");

    Result result = run(withUnservedPins(dir), env, List.of(), "build");

    assertThat(result.exit()).isNotZero();
    assertThat(result.stderr()).contains("no Go toolchain on PATH").contains("install Go");
  }

  @Test
  void aUserWhoIsNotRootIsToldWhatNeedsRoot(@TempDir Path dir) throws Exception {
    Files.setPosixFilePermissions(dir, java.nio.file.attribute.PosixFilePermissions.fromString("rwxrwxrwx"));
    Map<String, String> env = Map.of("SHAKEDOWN_CACHE", dir.resolve("cache").toString(), "HOME", dir.toString());

    // a copy in the world-readable temp dir: the checkout itself may sit in a home only its owner can read
    Result result = run(copyOfKindConfig(dir), env, List.of("setpriv", "--reuid=nobody", "--regid=nogroup",
        "--clear-groups"), "up");

    assertThat(result.exit()).isNotZero();
    assertThat(result.stderr()).contains("no Docker engine answers, and starting one needs root")
        .contains("FIX:");
  }
}
