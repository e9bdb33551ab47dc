package dev.shakedown;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The README's tutorial is the real scenario file, verbatim, and stays short. */
class ReadmeTutorialTest {

  static final Path SCENARIO = Path.of("scenarios/dev/shakedown/scenarios/MyServiceSurvivesPodKillScenario.java");
  static final Path OWN = Path.of("scenarios/dev/shakedown/scenarios/MyStoreKeepsItsWritesScenario.java");

  static String between(Path file, String marker) throws IOException {
    String source = Files.readString(file);
    String begin = "// " + marker + ":begin\n";
    return source.substring(source.indexOf(begin) + begin.length(), source.indexOf("// " + marker + ":end"));
  }

  static String tutorial() throws IOException {
    return between(SCENARIO, "tutorial");
  }

  /** The first ```java block after {@code heading}. */
  static String readmeBlock(String heading) throws IOException {
    String readme = Files.readString(Path.of("README.md"));
    String section = readme.substring(readme.indexOf(heading));
    int start = section.indexOf("```java\n") + "```java\n".length();
    return section.substring(start, section.indexOf("```\n", start));
  }

  @Test
  void theReadmeShowsTheOwnServiceScenarioVerbatimWithinFortyLinesAndItsClientWithinTwentyFive() throws IOException {
    String own = between(OWN, "own-service");
    assertThat(readmeBlock("## Rehearse your own service")).as("README own-service example vs %s", OWN)
        .isEqualTo(own);
    assertThat(own.lines().count()).as("the whole own-service example").isLessThanOrEqualTo(40);
    String client = own.substring(own.indexOf("  static Client store("), own.indexOf("\n  }\n") + 4);
    assertThat(client.lines().count()).as("its client:%n%s", client).isBetween(3L, 25L);
  }

  @Test
  void theReadmeShowsTheTutorialScenarioVerbatim() throws IOException {
    assertThat(readmeBlock("## Write your own scenario")).as("README tutorial vs %s", SCENARIO).isEqualTo(tutorial());
  }

  @Test
  void theTutorialBodyIsAtMostFifteenLines() throws IOException {
    String tutorial = tutorial();
    String body = tutorial.substring(tutorial.indexOf(") {\n") + 4, tutorial.indexOf("\n  }\n"));
    assertThat(body.lines().count()).as("test body of the tutorial:%n%s", body).isBetween(1L, 15L);
  }
}
