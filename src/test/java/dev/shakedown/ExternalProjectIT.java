package dev.shakedown;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Shakedown as a test dependency of another project: the packaged artifact is installed into the local repository,
 * and a throwaway Maven project in a temp dir (no checkout of Shakedown beside it) holds one scenario against its own
 * YAML. Its first build resolves its own dependencies; then {@code mvn -o verify} is green on kind. Its test also runs
 * the cluster tooling from the copy in the jar.
 */
class ExternalProjectIT {

  static final Duration BUILD_WITHIN = Duration.ofMinutes(8);
  static final String VERSION = "0.1.0-SNAPSHOT";

  @TempDir
  Path project;

  @Test
  void aProjectThatDependsOnTheInstalledArtifactRunsItsOwnScenarioGreen() throws Exception {
    String repo = System.getProperty("shakedown.it.repo");
    mvn(project, "install", List.of("-B", "-q", "org.apache.maven.plugins:maven-install-plugin:3.1.4:install-file",
        "-Dfile=" + System.getProperty("shakedown.it.jar"), "-DpomFile=" + System.getProperty("shakedown.it.pom"),
        "-Dmaven.repo.local=" + repo));
    write(project);
    // its first build resolves its own graph (which differs from Shakedown's: jetcd and the driver are optional)
    mvn(project, "resolve", List.of("-B", "-q", "test-compile", "-Dmaven.repo.local=" + repo));

    String out = mvn(project, "verify", List.of("-o", "-B", "verify", "-Dmaven.repo.local=" + repo));

    assertThat(out).contains("Tests run: 1, Failures: 0, Errors: 0, Skipped: 0")
        .contains("MEASURE external project: cluster tooling at ").contains("BUILD SUCCESS");
  }

  static void write(Path project) throws IOException {
    Files.writeString(project.resolve("pom.xml"), """
        <project xmlns="http://maven.apache.org/POM/4.0.0">
          <modelVersion>4.0.0</modelVersion>
          <groupId>com.example</groupId>
          <artifactId>shop-rehearsal</artifactId>
          <version>1</version>
          <properties>
            <maven.compiler.release>17</maven.compiler.release>
            <project.build.sourceEncoding>UTF-8</project.build.sourceEncoding>
          </properties>
          <dependencyManagement>
            <dependencies>
              <dependency>
                <groupId>org.junit</groupId><artifactId>junit-bom</artifactId><version>6.1.3</version>
                <type>pom</type><scope>import</scope>
              </dependency>
            </dependencies>
          </dependencyManagement>
          <dependencies>
            <dependency>
              <groupId>dev.shakedown</groupId><artifactId>shakedown</artifactId><version>%s</version>
              <scope>test</scope>
            </dependency>
            <dependency>
              <groupId>org.junit.jupiter</groupId><artifactId>junit-jupiter</artifactId>
              <scope>test</scope>
            </dependency>
          </dependencies>
          <build>
            <plugins>
              <plugin>
                <artifactId>maven-compiler-plugin</artifactId><version>3.14.0</version>
              </plugin>
              <plugin>
                <artifactId>maven-surefire-plugin</artifactId><version>3.6.1</version>
              </plugin>
              <plugin>
                <artifactId>maven-failsafe-plugin</artifactId><version>3.6.1</version>
                <executions><execution><goals><goal>integration-test</goal><goal>verify</goal></goals></execution></executions>
              </plugin>
            </plugins>
          </build>
        </project>
        """.formatted(VERSION));
    Path k8s = Files.createDirectories(project.resolve("k8s"));
    Path web = Path.of(System.getProperty("shakedown.it.web"));
    try (var files = Files.list(web)) {
      for (Path f : files.toList()) {
        Files.copy(f, k8s.resolve(f.getFileName()));
      }
    }
    Path test = Files.createDirectories(project.resolve("src/test/java/com/example"));
    Files.writeString(test.resolve("ShopSurvivesAPodKillIT.java"), """
        package com.example;

        import static dev.shakedown.assertj.ShakedownAssertions.assertThat;

        import dev.shakedown.check.AvailabilityThresholds;
        import dev.shakedown.check.Checkers;
        import dev.shakedown.client.Generators;
        import dev.shakedown.client.HttpOp;
        import dev.shakedown.client.Load;
        import dev.shakedown.cluster.KindConfig;
        import dev.shakedown.fault.Faults;
        import dev.shakedown.fault.Targets;
        import dev.shakedown.junit.ChaosTest;
        import dev.shakedown.scenario.Run;
        import dev.shakedown.scenario.ScenarioContext;
        import dev.shakedown.workload.Endpoints;
        import dev.shakedown.workload.ManifestWorkload;
        import dev.shakedown.workload.Workloads;
        import java.net.http.HttpRequest;
        import java.nio.file.Path;
        import java.time.Duration;
        import java.util.concurrent.TimeUnit;
        import org.junit.jupiter.api.Test;

        @ChaosTest
        class ShopSurvivesAPodKillIT {

          @Test
          void survivesAPodKill(ScenarioContext ctx) throws Exception {
            Path tooling = KindConfig.locate(Path.of("kind-config")); // no checkout here: the jar's copy
            Process status = new ProcessBuilder("bash", tooling.resolve("cluster").toString(), "status")
                .inheritIO().start();
            assertThat(status.waitFor(2, TimeUnit.MINUTES) && status.exitValue() == 0).isTrue();
            System.out.println("MEASURE external project: cluster tooling at " + tooling);

            ManifestWorkload app = ctx.deploy(Workloads.manifests(ctx, Path.of("k8s")));
            Run run = ctx.run(Load.of("shop", HttpOp.client(Endpoints.of(ctx, "shop", 80),
                (base, op) -> HttpRequest.newBuilder(base).GET())).rate(10).ops(Generators.constant("get")));
            run.inject(Faults.podKill(Targets.pods(app).one())).hold(Duration.ofSeconds(3)).heal();
            assertThat(run.check(Checkers.availability(AvailabilityThresholds.none().minSuccessRatio(0.9))))
                .isValid();
          }
        }
        """);
  }

  /** Runs Maven in {@code dir}, bounded; returns its output; fails with the output's tail on a non-zero exit. */
  static String mvn(Path dir, String what, List<String> args) throws Exception {
    String home = System.getProperty("shakedown.it.maven");
    List<String> command = new ArrayList<>();
    command.add(home != null && Files.isExecutable(Path.of(home, "bin", "mvn")) ? Path.of(home, "bin", "mvn").toString()
        : "mvn");
    command.addAll(args);
    Path log = dir.resolve("mvn-" + what + ".log");
    Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
        .redirectOutput(log.toFile()).start();
    boolean done = process.waitFor(BUILD_WITHIN.toMillis(), TimeUnit.MILLISECONDS);
    if (!done) {
      process.descendants().forEach(ProcessHandle::destroyForcibly);
      process.destroyForcibly();
    }
    String out = Files.readString(log);
    System.out.println("[external project] mvn " + what + ":\n" + out.lines().skip(Math.max(0, out.lines().count() - 60))
        .reduce("", (a, b) -> a + b + "\n"));
    assertThat(done).as("mvn %s within %s", what, BUILD_WITHIN).isTrue();
    assertThat(process.exitValue()).as("mvn %s exit code; output:%n%s", what, out).isZero();
    return out;
  }
}
