package dev.shakedown.web;

import java.net.http.HttpResponse;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** What the workload image's answers say: the pod that served ({@code X-Pod} or the body's {@code "pod"}), and a
 * {@code GET /kv} listing's values. */
final class Outcome {

  private static final Pattern POD = Pattern.compile("\"pod\"\\s*:\\s*\"([^\"]*)\"");

  private Outcome() {}

  static String servedBy(HttpResponse<String> response) {
    return response.headers().firstValue("X-Pod").orElseGet(() -> {
      Matcher m = POD.matcher(response.body());
      return m.find() ? m.group(1) : null;
    });
  }

  static String values(String kvListing) {
    return kvListing.lines().filter(l -> l.indexOf('=') > 0).map(l -> l.substring(l.indexOf('=') + 1))
        .collect(Collectors.joining(","));
  }
}
