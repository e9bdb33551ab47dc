package dev.shakedown.fault;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shakedown.scenario.ScenarioContext;
import io.fabric8.kubernetes.api.model.Pod;
import java.io.ByteArrayOutputStream;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Commands run inside the workload pods of a fault IT (fabric8 exec), and curl through them. */
final class PodShell {

  static final int CURL_TIMEOUT_S = 3;

  private PodShell() {}

  /** Runs a command in the pod's first container; fails the test on a non-zero exit. */
  static String exec(ScenarioContext ctx, Pod pod, String... command) {
    try (ByteArrayOutputStream out = new ByteArrayOutputStream();
        var watch = ctx.client().pods().inNamespace(ctx.namespace()).withName(pod.getMetadata().getName())
            .writingOutput(out).exec(command)) {
      Integer code = watch.exitCode().get(60, TimeUnit.SECONDS);
      assertThat(code).as("exit code of %s in %s: %s", String.join(" ", command), pod.getMetadata().getName(), out)
          .isZero();
      return out.toString();
    } catch (Exception e) {
      throw new AssertionError("exec in " + pod.getMetadata().getName() + " failed: " + e, e);
    }
  }

  /** {@code rc=<curl exit code> ms=<elapsed>}. */
  static String curl(ScenarioContext ctx, Pod from, String url) {
    return exec(ctx, from, "sh", "-c", "s=$(date +%s%N); curl -sS -o /dev/null --max-time " + CURL_TIMEOUT_S + " "
        + url + " 2>/dev/null; rc=$?; echo rc=$rc ms=$(( ($(date +%s%N) - s) / 1000000 ))").strip();
  }

  /**
   * {@link #curl}, except that a shell killed with the container (exit 137) or an exec the restarting container
   * refuses gives {@code restarted: <why>} instead of failing the test.
   */
  static String curlUnlessRestarted(ScenarioContext ctx, Pod from, String url) {
    try {
      return curl(ctx, from, url);
    } catch (AssertionError e) {
      if (String.valueOf(e.getMessage()).contains("but was: 137") || e.getCause() != null) {
        System.out.println("[shakedown] GET from " + from.getMetadata().getName() + " not answered, its container "
            + "restarted: " + e.getMessage().lines().findFirst().orElse(""));
        return "restarted: " + e.getMessage();
      }
      throw e;
    }
  }

  /** Seconds curl took for a whole GET ({@code time_total}); fails unless it succeeded. */
  static double seconds(ScenarioContext ctx, Pod from, String url) {
    return Double.parseDouble(exec(ctx, from, "curl", "-sS", "-f", "-o", "/dev/null", "--max-time", "30", "-w",
        "%{time_total}", url).strip());
  }

  static void reachable(ScenarioContext ctx, Pod from, List<String> urls) {
    for (String url : urls) {
      assertThat(curl(ctx, from, url)).as("%s -> %s", from.getMetadata().getName(), url).startsWith("rc=0 ");
    }
  }

  static void unreachable(ScenarioContext ctx, Pod from, List<String> urls) {
    for (String url : urls) {
      assertThat(curl(ctx, from, url)).as("%s -> %s", from.getMetadata().getName(), url).doesNotStartWith("rc=0 ");
    }
  }
}
