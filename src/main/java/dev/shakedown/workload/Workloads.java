package dev.shakedown.workload;


/**
 * The workload image every built-in system runs (system property {@value #IMAGE_PROPERTY}, default
 * {@value #DEFAULT_IMAGE}). Each system makes its own workloads: {@code HttpService.of(ctx)}, {@code Etcd.of(ctx)},
 * {@code Postgres.of(ctx)}.
 */
public final class Workloads {

  public static final String IMAGE_PROPERTY = "shakedown.image.workload";
  public static final String DEFAULT_IMAGE = "shakedown/workload:0.1";

  private Workloads() {}

  /** The workload image in use. */
  public static String image() {
    return System.getProperty(IMAGE_PROPERTY, DEFAULT_IMAGE);
  }
}
