package dev.shakedown.junit;

import dev.shakedown.ShakedownException;
import java.util.List;

/** A test left cluster state behind (or could not clean up); the message lists each item. */
public final class ResidueException extends ShakedownException {

  private final List<String> items;

  ResidueException(String test, List<String> items) {
    super(test + " did not restore what it changed:\n  - " + String.join("\n  - ", items));
    this.items = List.copyOf(items);
  }

  /** One line per item left behind. */
  public List<String> items() {
    return items;
  }
}
