package dev.shakedown.junit;

import dev.shakedown.cluster.Cluster;
import dev.shakedown.cluster.ResidueCheck;
import dev.shakedown.cluster.TestNamespace;
import dev.shakedown.scenario.ResourceStack;
import dev.shakedown.history.Timeline;
import dev.shakedown.scenario.AlwaysClose;
import dev.shakedown.scenario.ScenarioContext;
import java.util.ArrayList;
import java.util.List;

/**
 * One test's state, kept in the test method's store: its namespace, scenario context and residue baseline.
 * {@link #finish(boolean)} closes registered resources (newest first, per cleanup mode), waits for the namespace
 * to be gone, checks and repairs residue, and reports anything left behind.
 */
final class TestState implements AutoCloseable {

  private final RunState run;
  private final String test;
  private final CleanupMode mode;
  private final ResourceStack resources = new ResourceStack();
  private final ResidueCheck residue;
  private final TestNamespace namespace;
  private final ScenarioContext context;
  private boolean finished;
  private final long startedNanos = System.nanoTime();

  TestState(RunState run, String test, CleanupMode mode, long seed) {
    this.run = run;
    this.test = test;
    this.mode = mode;
    Cluster cluster = run.cluster();
    this.residue = ResidueCheck.before(cluster, run.identity());
    this.namespace = resources.push(TestNamespace.create(cluster.client(), test, run.identity()));
    this.context = new ScenarioContext(cluster, namespace.name(), new Timeline(), seed, resources);
  }

  ScenarioContext context() {
    return context;
  }

  RunState run() {
    return run;
  }

  /** Time since the test's state was created (before its namespace). */
  java.time.Duration elapsed() {
    return java.time.Duration.ofNanos(System.nanoTime() - startedNanos);
  }

  /**
   * Cleans up after the test.
   *
   * @throws ResidueException listing what could not be closed or was left behind (and has been repaired if possible)
   */
  synchronized void finish(boolean failed) {
    if (finished) {
      return;
    }
    finished = true;
    List<String> problems = new ArrayList<>();
    boolean cleanUp = mode.cleansUp(failed);
    try {
      resources.closeMatching(r -> cleanUp || r instanceof AlwaysClose);
    } catch (RuntimeException e) {
      problems.add(e.getMessage());
    }
    if (cleanUp) {
      try {
        namespace.awaitGone(run.namespaceTimeout());
      } catch (RuntimeException e) {
        problems.add(e.getMessage());
      }
    } else {
      System.out.println("[shakedown] kept " + namespace + " of " + test + " (cleanup mode " + mode
          + "); the next run's sweep deletes it");
    }
    List<String> leftBehind = residue.residue();
    if (!leftBehind.isEmpty()) {
      problems.addAll(leftBehind);
      List<String> unrepaired = residue.repair(run.nodeReadyTimeout());
      problems.add(unrepaired.isEmpty() ? "(the harness has restored these nodes)"
          : "could not restore everything: " + String.join("; ", unrepaired));
    }
    if (!problems.isEmpty()) {
      throw new ResidueException(test, problems);
    }
  }

  /** Store cleanup when {@link #finish} did not run: cleans up as after a failed test. */
  @Override
  public void close() {
    finish(true);
  }
}
