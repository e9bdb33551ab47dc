package dev.shakedown.report;

import io.qameta.allure.Allure;

/**
 * The bridge to Allure: steps and attachments through Allure's lambda API (no AspectJ). Calls are harmless
 * when no Allure test is running (the body still runs).
 */
public final class AllureReport {

  private AllureReport() {}

  /** Runs {@code body} as an Allure step named {@code name}; its exceptions propagate unchanged. */
  public static void step(String name, Runnable body) {
    Allure.step(name, body::run);
  }

  /** Runs {@code body} as an Allure step and returns its value. */
  public static <T> T step(String name, java.util.function.Supplier<T> body) {
    return Allure.step(name, body::get);
  }

  /** Records a test parameter that does not change Allure's history id (e.g. the seed). */
  public static void parameter(String name, String value) {
    Allure.parameter(name, value, true);
  }

  /** Attaches text content to the current test (or step). */
  public static void attachText(String name, String mediaType, String extension, String content) {
    Allure.addAttachment(name, mediaType, content, extension);
  }
}
