package dev.shakedown.junit;

import dev.shakedown.cluster.Cluster;
import dev.shakedown.Settings;
import dev.shakedown.report.AllureReport;
import dev.shakedown.report.Evidence;
import dev.shakedown.report.ScenarioResult;
import dev.shakedown.report.ScenarioTimings;
import dev.shakedown.check.Verdict;
import dev.shakedown.history.Operation;
import dev.shakedown.scenario.Run;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import dev.shakedown.scenario.ScenarioContext;
import java.lang.reflect.Constructor;
import java.security.SecureRandom;
import java.util.Optional;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ExtensionContext.Namespace;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.platform.commons.support.AnnotationSupport;

/**
 * The JUnit extension behind {@link ChaosTest}. Per run (root store): connects to the cluster through the
 * context guard, opens the run lease and sweeps leftovers of dead runs. Per test (method store): a fresh
 * namespace and {@link ScenarioContext}; after the test, Allure evidence, cleanup per {@link CleanupMode} and the
 * residue check. Resolves {@link Cluster} and {@link ScenarioContext} parameters.
 */
public final class ShakedownExtension implements BeforeEachCallback, AfterEachCallback, ParameterResolver {

  private static final Namespace NAMESPACE = Namespace.create(ShakedownExtension.class);
  /** Setting: a fixed seed for every test's random source, to replay a run's choices. */
  public static final String SEED = "shakedown.seed";

  @Override
  public void beforeEach(ExtensionContext context) {
    RunState run = run(context);
    long seed = seed(run.settings());
    String test = context.getRequiredTestMethod().getName();
    TestState state = new TestState(run, test, cleanupMode(context, run.settings()), seed);
    context.getStore(NAMESPACE).put(TestState.class, state);
    ScenarioContext scenario = state.context();
    System.out.println("[shakedown] " + context.getRequiredTestClass().getSimpleName() + "#" + test + ": namespace "
        + scenario.namespace() + ", seed " + seed + " (replay: -D" + SEED + "=" + seed + ")");
    scenario.timeline().mark("scenario", "seed").subject("namespace/" + scenario.namespace()).detail(Long.toString(seed)).record();
    AllureReport.parameter("shakedown.seed", Long.toString(seed));
    AllureReport.parameter("shakedown.namespace", scenario.namespace());
  }

  @Override
  public void afterEach(ExtensionContext context) {
    TestState state = context.getStore(NAMESPACE).get(TestState.class, TestState.class);
    if (state == null) {
      return;
    }
    ScenarioContext scenario = state.context();
    RuntimeException cleanup = null;
    try {
      if (scenario.timeline().snapshot().stream().anyMatch(e -> "phase".equals(e.source()))) {
        ScenarioTimings.of(scenario.timeline()).report(); // wall time per phase, harness overhead, watch lag
      }
      Evidence.attach(scenario.client(), scenario.namespace(), scenario.timeline());
    } finally {
      try {
        state.finish(context.getExecutionException().isPresent());
      } catch (RuntimeException e) {
        cleanup = e;
      }
      if (isScenario(context, scenario)) {   // after the cleanup, whose failure fails the test too
        state.run().report().record(result(context, state, scenario, cleanup));
      }
    }
    if (cleanup != null) {
      throw cleanup;
    }
  }

  /** A scenario class ({@code *Scenario}, even one that failed before its run) or any test that started a run. */
  private static boolean isScenario(ExtensionContext context, ScenarioContext scenario) {
    return !scenario.runs().isEmpty() || context.getRequiredTestClass().getSimpleName().endsWith("Scenario");
  }

  /** The scenario's facts for the run report: outcome, verdicts, measurements, histories and timeline. */
  private static ScenarioResult result(ExtensionContext context, TestState state, ScenarioContext scenario,
      RuntimeException cleanup) {
    Throwable failure = context.getExecutionException().orElse(cleanup);
    ScenarioResult.Outcome outcome = failure == null ? ScenarioResult.Outcome.PASSED
        : failure instanceof org.opentest4j.TestAbortedException ? ScenarioResult.Outcome.ABORTED
        : ScenarioResult.Outcome.FAILED;
    List<Verdict> verdicts = new ArrayList<>();
    Map<String, String> measurements = new LinkedHashMap<>();
    Map<String, List<Operation>> histories = new LinkedHashMap<>();
    for (Run run : scenario.runs()) {
      run.verdict().ifPresent(verdicts::add);
      measurements.putAll(run.measurements());
      run.loads().forEach(load -> histories.putIfAbsent(load.name(), load.history().snapshot()));
    }
    return new ScenarioResult(context.getRequiredTestClass().getSimpleName() + "#" + context.getRequiredTestMethod()
        .getName(), outcome, failure == null ? null : String.valueOf(failure), verdicts, measurements, histories,
        scenario.timeline().snapshot(), state.elapsed());
  }

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    Class<?> type = parameter.getParameter().getType();
    return type == Cluster.class || type == ScenarioContext.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    if (parameter.getParameter().getType() == Cluster.class) {
      return run(context).cluster();
    }
    TestState state = parameter.getDeclaringExecutable() instanceof Constructor<?> ? null
        : context.getStore(NAMESPACE).get(TestState.class, TestState.class);
    if (state == null) {
      throw new ParameterResolutionException("Parameter [" + parameter.getParameter() + "] at index "
          + parameter.getIndex() + " of " + parameter.getDeclaringExecutable().getDeclaringClass().getSimpleName() + "."
          + parameter.getDeclaringExecutable().getName() + ": a " + ScenarioContext.class.getName()
          + " exists only per test; declare it on a @Test, @BeforeEach or @AfterEach method"
          + " (constructors and @BeforeAll/@AfterAll methods can take a " + Cluster.class.getName() + ")");
    }
    return state.context();
  }

  private static RunState run(ExtensionContext context) {
    return context.getRoot().getStore(NAMESPACE)
        .computeIfAbsent(RunState.class, type -> RunState.open(settings(context)), RunState.class);
  }

  static Settings settings(ExtensionContext context) {
    return Settings.of(context::getConfigurationParameter, System.getenv());
  }

  /** The nearest non-default {@code @ChaosTest(cleanup)} from the method outwards, else the setting, else ALWAYS. */
  static CleanupMode cleanupMode(ExtensionContext context, Settings settings) {
    for (Optional<ExtensionContext> c = Optional.of(context); c.isPresent(); c = c.get().getParent()) {
      Optional<CleanupMode> mode = c.get().getElement()
          .flatMap(element -> AnnotationSupport.findAnnotation(element, ChaosTest.class))
          .map(ChaosTest::cleanup).filter(m -> m != CleanupMode.DEFAULT);
      if (mode.isPresent()) {
        return mode.get();
      }
    }
    return settings.get(CleanupMode.PROPERTY).map(CleanupMode::parse).orElse(CleanupMode.ALWAYS);
  }

  static long seed(Settings settings) {
    return settings.get(SEED).map(value -> {
      try {
        return Long.parseLong(value);
      } catch (NumberFormatException e) {
        throw new ExtensionConfigurationException("setting " + SEED + "='" + value + "' is not a long; expected the seed"
            + " a previous run printed, e.g. -D" + SEED + "=-4962768465676381896", e);
      }
    }).orElseGet(() -> new SecureRandom().nextLong());
  }
}
