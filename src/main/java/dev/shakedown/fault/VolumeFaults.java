package dev.shakedown.fault;

import dev.shakedown.report.AllureReport;
import java.util.List;

/**
 * What every volume fault does once it has acted: prints, marks the timeline ({@code fault / inject}, the detail
 * lists every action: node, absolute path, offset, bytes before and after) and attaches the actions to the Allure
 * report. The handle's heal does nothing: corruption is not reversible, recovering is the scenario's job (e.g. a
 * restore from backup); closing it only marks the heal, and stays idempotent.
 */
final class VolumeFaults {

  private VolumeFaults() {}

  static FaultHandle injected(FaultScope scope, String fault, List<String> targets, List<String> actions) {
    String detail = String.join("; ", actions);
    AllureReport.attachText("fault " + fault + " on " + String.join(", ", targets), "text/plain", "txt",
        String.join(System.lineSeparator(), actions));
    return Handle.injected(scope, fault, detail, targets, () -> {});
  }

  /** {@code node/<node> <absolute path>}, the start of every action line. */
  static String where(VolumeFile.Located file) {
    return "node/" + file.node().name() + " " + file.absolute();
  }
}
