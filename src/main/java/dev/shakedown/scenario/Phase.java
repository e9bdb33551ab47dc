package dev.shakedown.scenario;

import java.util.Locale;

/** The lifecycle of a chaos scenario, in order: steady → load → inject → hold → heal → recover → verify. */
public enum Phase {
  STEADY, LOAD, INJECT, HOLD, HEAL, RECOVER, VERIFY;

  /** The name used for the Allure step and the timeline mark, e.g. {@code inject}. */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }
}
