package dev.shakedown.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * The built report, opened in headless Chromium (Debian's {@code chromium} and {@code chromedriver}, given by path so
 * nothing is downloaded): the Allure page lists every scenario of the newest run with its test's status, a scenario's
 * page carries its verdict (the attachment {@code run: measurements and verdict}),
 * the Overview's trend shows every run of the kept history (from two on: Allure draws no trend of one), a scenario's
 * page carries its timeline picture, and the picture opens as SVG. Runs after {@code HtmlReport} in
 * {@code mvn verify}; leaves a screenshot in the run's folder.
 */
class ReportInBrowserIT {

  static final Duration WAIT = Duration.ofSeconds(30);
  static final Path REPORTS = Path.of(System.getProperty("shakedown.reports", "reports"));

  ChromeDriver browser;

  @BeforeEach
  void openBrowser(@TempDir Path profile) {
    assumeTrue(Boolean.getBoolean("shakedown.report.built"), "runs only once the report is built: in the build's "
        + "report-in-browser execution, after the ITs or scenarios");
    ChromeOptions options = new ChromeOptions().setBinary(executable("chromium")).addArguments("--headless",
        "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--window-size=1400,1000", "--user-data-dir=" + profile);
    ChromeDriverService service = new ChromeDriverService.Builder()
        .usingDriverExecutable(new File(executable("chromedriver"))).usingAnyFreePort().build();
    browser = new ChromeDriver(service, options);
    browser.manage().timeouts().pageLoadTimeout(WAIT).scriptTimeout(WAIT);
  }

  @AfterEach
  void closeBrowser() {
    if (browser != null) {
      browser.quit();
    }
  }

  @Test
  void theReportListsEveryScenarioWithItsVerdictAndShowsItsTimelinePicture() throws Exception {
    String chosen = System.getProperty("shakedown.report.itTest", "");
    boolean someChosen = !chosen.isBlank() && !chosen.startsWith("${");
    boolean recorded = Files.exists(REPORTS.resolve(RunReport.LATEST));
    assumeTrue(recorded || !someChosen, () -> "the chosen ITs (-Dit.test=" + chosen + ") recorded no scenario: no run"
        + " to check in the report");
    Path run = RunReport.latest(REPORTS);
    List<Map<String, Object>> scenarios = JsonMapper.builder().build()
        .readValue(run.resolve(RunReport.SCENARIOS).toFile(), new TypeReference<List<Map<String, Object>>>() {});
    assertThat(scenarios).as("scenarios of the newest run, %s", run).isNotEmpty();
    Path index = REPORTS.resolve("allure-report").resolve("index.html");
    assertThat(index).exists();

    browser.get(index.toUri() + "#suites");
    WebDriverWait wait = new WebDriverWait(browser, WAIT);
    wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("a.node__leaf")));
    for (Map<String, Object> scenario : scenarios) {
      String[] classAndMethod = ((String) scenario.get("scenario")).split("#");
      WebElement leaf = leaf(classAndMethod[0], classAndMethod[1]);
      assertThat(leaf).as("the report's entry of %s", scenario.get("scenario")).isNotNull();
      String status = leaf.findElement(By.cssSelector(".node__anchor span")).getDomAttribute("data-tooltip");
      assertThat(status).as("status of %s in the report", scenario.get("scenario")).isIn(switch ((String) scenario
          .get("outcome")) {
        case "passed" -> List.of("Passed");
        case "failed" -> List.of("Failed", "Broken");
        default -> List.of("Skipped");
      });
    }

    int runs = HtmlReport.trendLength(REPORTS.resolve("allure-history"));
    browser.get(index.toUri() + "#");
    wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(".history-trend")));
    if (runs > 1) {   // Allure draws the trend from two runs on; with one it says there is nothing to show yet
      List<WebElement> trend = wait.until(d -> {
        List<WebElement> slices = d.findElements(By.cssSelector(".history-trend g.slice"));
        return slices.isEmpty() ? null : slices;
      });
      assertThat(trend).as("runs in the Overview's trend (the kept history has %d)", runs).hasSize(runs);
    }
    System.out.println("[shakedown] the report's trend holds " + runs + " run(s)");

    Map<String, Object> first = scenarios.get(0);
    String[] classAndMethod = ((String) first.get("scenario")).split("#");
    browser.get(index.toUri() + "#suites");
    String href = wait.until(d -> leaf(classAndMethod[0], classAndMethod[1])).getDomAttribute("href");
    browser.get(index.toUri() + href);
    if (first.get("status") != null) {   // the verdict is attached to the verify step: open it
      wait.until(ExpectedConditions.elementToBeClickable(By.xpath("//*[contains(@class,'step__title')][.//*[contains("
          + "@class,'step__name') and normalize-space()='verify']]"))).click();
      wait.until(ExpectedConditions.presenceOfElementLocated(By.xpath("//*[contains(@class,'attachment-row') and "
          + ".//*[normalize-space()='run: measurements and verdict']]")));
    }
    WebElement picture = wait.until(ExpectedConditions.elementToBeClickable(
        By.xpath("//*[contains(@class,'attachment-row') and .//*[normalize-space()='timeline.svg']]")));
    picture.click();
    WebElement shown = wait.until(ExpectedConditions.visibilityOfElementLocated(
        By.cssSelector(".attachment__media, .attachment img, .attachment object, .attachment iframe")));
    assertThat(shown.getSize().getHeight()).as("the timeline picture's height on the page").isGreaterThan(100);
    browser.executeScript("arguments[0].scrollIntoView({block: 'center'})", shown);
    Path screenshot = run.resolve("report-" + first.get("file") + ".png");
    Files.write(screenshot, ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));
    System.out.println("[shakedown] screenshot of the report: " + screenshot);

    Path svg = run.resolve(first.get("file") + ".svg");
    browser.get(svg.toUri().toString());
    WebElement root = wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("svg")));
    assertThat(root.getSize().getWidth()).as("the SVG's width in the browser").isGreaterThan(500);
    assertThat(browser.getPageSource()).as("the picture names its scenario").contains(classAndMethod[1]);
  }

  /** The report's tree entry of a test (its class's node, then the leaf named {@code method(<parameter types>)}), or null. */
  private WebElement leaf(String className, String method) {
    List<WebElement> leaves = browser.findElements(By.xpath("//div[contains(@class,'node__title')][.//div[contains("
        + "@class,'node__name') and substring(normalize-space(), string-length(normalize-space()) - "
        + (className.length() - 1) + ")='" + className + "']]/following-sibling::div[contains(@class,'node__children')]"
        + "//a[contains(@class,'node__leaf')][.//div[contains(@class,'node__name') and starts-with(normalize-space(), '"
        + method + "(')]]"));
    return leaves.isEmpty() ? null : leaves.get(0);
  }

  private static String executable(String name) {
    for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin").split(File.pathSeparator)) {
      Path candidate = Path.of(dir, name);
      if (Files.isExecutable(candidate)) {
        return candidate.toString();
      }
    }
    throw new IllegalStateException(name + " is not on PATH: kind-config/prerequisites installs Debian's chromium and "
        + "chromium-driver");
  }
}
