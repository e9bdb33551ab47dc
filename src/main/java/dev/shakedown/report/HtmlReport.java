package dev.shakedown.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Builds the HTML report from {@code reports/allure-results} with Allure's own generator (the
 * {@code allure-commandline} distribution from Maven Central, unpacked by the build), offline:
 * <ol>
 *   <li>the kept history ({@code reports/allure-history}) is put into the results, so the trend shows earlier runs;</li>
 *   <li>a full report is generated into the build folder, and its new history is kept;</li>
 *   <li>the report a person opens is generated as one file, {@code reports/allure-report/index.html}, which a browser
 *       shows from disk (a multi-file Allure report needs a web server).</li>
 * </ol>
 * Then it prints the newest run's summary. Run by {@code mvn verify} after the tests (phase post-integration-test).
 */
public final class HtmlReport {

  /** How long one generation may take. */
  static final long GENERATE_MINUTES = 10;

  private final Path allure;
  private final Path reports;
  private final Path work;

  /**
   * @param allureHome the unpacked {@code allure-<version>} folder (with {@code bin/allure})
   * @param reports the reports folder
   * @param work a scratch folder in the build
   */
  public HtmlReport(Path allureHome, Path reports, Path work) {
    this.allure = allureHome.resolve("bin").resolve("allure");
    this.reports = reports;
    this.work = work;
  }

  /** {@code HtmlReport <allure home> <reports folder> <scratch folder>}. */
  public static void main(String[] args) throws IOException, InterruptedException {
    if (args.length != 3) {
      throw new IllegalArgumentException("usage: HtmlReport <allure home> <reports folder> <scratch folder>, was "
          + List.of(args));
    }
    new HtmlReport(Path.of(args[0]), Path.of(args[1]), Path.of(args[2])).build();
  }

  /** Generates the report; prints where it is, how long it took, its size and the newest run's summary. */
  public Path build() throws IOException, InterruptedException {
    Path results = reports.resolve("allure-results");
    if (!Files.isDirectory(results)) {
      System.out.println("[shakedown] report: no " + results + " (no test ran), nothing to build");
      return null;
    }
    if (!Files.isExecutable(allure)) {
      throw new IllegalStateException("Allure's generator is not at " + allure + ": the build unpacks "
          + "io.qameta.allure:allure-commandline there before this step; run it through mvn verify");
    }
    long t0 = System.nanoTime();
    Path history = reports.resolve("allure-history");
    copyTree(history, results.resolve("history"));
    Path full = work.resolve("allure-full");
    generate(results, full, false);
    copyTree(full.resolve("history"), history);
    Path report = reports.resolve("allure-report");
    generate(results, report, true);
    Path index = report.resolve("index.html");
    System.out.printf(Locale.ROOT, "[shakedown] report: %s (%.1f MB) built in %.1f s from %d result(s); trend of %d "
            + "run(s)%n", index, Files.size(index) / 1e6, (System.nanoTime() - t0) / 1e9, count(results),
        trendLength(history));
    Path latest = reports.resolve(RunReport.LATEST);
    if (Files.exists(latest)) {
      Path summary = RunReport.latest(reports).resolve("summary.md");
      if (Files.exists(summary)) {
        System.out.println("[shakedown] run summary (" + summary + "):\n" + Files.readString(summary));
      }
    }
    return index;
  }

  private void generate(Path results, Path into, boolean singleFile) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of(allure.toString(), "generate", "--clean"));
    if (singleFile) {
      command.add("--single-file");
    }
    command.addAll(List.of("-o", into.toString(), results.toString()));
    Files.createDirectories(work);
    Path log = work.resolve("allure-generate.log");
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
    builder.environment().put("ALLURE_NO_ANALYTICS", "true");   // else the page loads an analytics script from the web
    Process process = builder.start();
    if (!process.waitFor(GENERATE_MINUTES, TimeUnit.MINUTES)) {
      process.destroyForcibly();
      throw new IllegalStateException("allure generate did not finish within " + GENERATE_MINUTES + " minutes: "
          + command + "; its output is in " + log);
    }
    if (process.exitValue() != 0) {
      throw new IllegalStateException("allure generate failed (exit " + process.exitValue() + "): " + command + "\n"
          + Files.readString(log));
    }
  }

  /** The number of runs in the kept trend ({@code history-trend.json} holds one entry per run). */
  static int trendLength(Path history) throws IOException {
    Path trend = history.resolve("history-trend.json");
    if (!Files.exists(trend)) {
      return 0;
    }
    return tools.jackson.databind.json.JsonMapper.builder().build().readTree(Files.readString(trend)).size();
  }

  private static long count(Path results) throws IOException {
    try (Stream<Path> files = Files.list(results)) {
      return files.filter(p -> p.getFileName().toString().endsWith("-result.json")).count();
    }
  }

  private static void copyTree(Path from, Path to) throws IOException {
    if (!Files.isDirectory(from)) {
      return;
    }
    Files.createDirectories(to);
    try (Stream<Path> files = Files.list(from)) {
      for (Path f : (Iterable<Path>) files::iterator) {
        if (Files.isRegularFile(f)) {
          Files.copy(f, to.resolve(f.getFileName().toString()), StandardCopyOption.REPLACE_EXISTING);
        }
      }
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
  }
}
