package dev.shakedown;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The README's tutorial is the real scenario file, verbatim, and stays short. */
class ReadmeTutorialTest {

  static final Path SCENARIO = Path.of("scenarios/dev/shakedown/scenarios/MyServiceSurvivesPodKillScenario.java");

  static String tutorial() throws IOException {
    String source = Files.readString(SCENARIO);
    String begin = "// tutorial:begin\n";
    return source.substring(source.indexOf(begin) + begin.length(), source.indexOf("// tutorial:end"));
  }

  @Test
  void theReadmeShowsTheTutorialScenarioVerbatim() throws IOException {
    String readme = Files.readString(Path.of("README.md"));
    String section = readme.substring(readme.indexOf("## Write your own scenario"));
    String block = section.substring(section.indexOf("```java\n") + "```java\n".length(), section.indexOf("```\n",
        section.indexOf("```java\n") + 1));
    assertThat(block).as("README tutorial vs %s", SCENARIO).isEqualTo(tutorial());
  }

  @Test
  void theTutorialBodyIsAtMostFifteenLines() throws IOException {
    String tutorial = tutorial();
    String body = tutorial.substring(tutorial.indexOf(") {\n") + 4, tutorial.indexOf("\n  }\n"));
    assertThat(body.lines().count()).as("test body of the tutorial:%n%s", body).isBetween(1L, 15L);
  }
}
