package dev.shakedown.junit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Marks a test class or method as needing the cluster (it does not make a method a test: add {@code @Test}).
 * Registers {@link ShakedownExtension}: it connects to the cluster (checking the context allow-list), sweeps what
 * killed earlier runs left behind, gives each test its own namespace, injects {@code Cluster} and
 * {@code ScenarioContext} parameters, cleans up per {@link #cleanup()}, attaches evidence to the Allure report,
 * and fails a test that left cluster-wide changes behind.
 */
@Target({ElementType.TYPE, ElementType.METHOD, ElementType.ANNOTATION_TYPE})
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ExtendWith(ShakedownExtension.class)
public @interface ChaosTest {

  /** What to clean up at test end; a method's annotation wins over its class's, both over the setting. */
  CleanupMode cleanup() default CleanupMode.DEFAULT;
}
