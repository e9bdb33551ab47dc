package dev.shakedown.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HtmlReportTest {

  @Test
  void withoutResultsThereIsNothingToBuild(@TempDir Path tmp) throws Exception {
    assertThat(new HtmlReport(tmp.resolve("allure"), tmp.resolve("reports"), tmp.resolve("work")).build()).isNull();
  }

  @Test
  void aMissingGeneratorIsNamedWithTheWayOut(@TempDir Path tmp) throws Exception {
    Files.createDirectories(tmp.resolve("reports").resolve("allure-results"));
    assertThatThrownBy(() -> new HtmlReport(tmp.resolve("allure-2.34.1"), tmp.resolve("reports"), tmp.resolve("w"))
        .build()).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining(tmp.resolve("allure-2.34.1").resolve("bin").resolve("allure").toString())
        .hasMessageContaining("run it through mvn verify");
  }

  @Test
  void theTrendHasOneEntryPerKeptRun(@TempDir Path tmp) throws Exception {
    assertThat(HtmlReport.trendLength(tmp)).isZero();
    Files.writeString(tmp.resolve("history-trend.json"), "[{\"data\":{\"passed\":3}},{\"data\":{\"passed\":2}}]");
    assertThat(HtmlReport.trendLength(tmp)).isEqualTo(2);
  }
}
