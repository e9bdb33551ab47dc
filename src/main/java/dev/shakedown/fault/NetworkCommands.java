package dev.shakedown.fault;

import dev.shakedown.cluster.ShakedownLabels;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The iptables and tc commands the network faults run in a network namespace, and the parsing of what they print.
 * Pure functions: every chain name, address and rule is validated before it reaches {@code sh -c}, so tests can
 * check exactly what would run. Every iptables call passes {@code -w} (wait for the xtables lock).
 */
final class NetworkCommands {

  private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
  private static final Pattern CHAIN = Pattern.compile(Pattern.quote(ShakedownLabels.CHAIN_PREFIX) + "[A-Za-z0-9-]+");
  /** iptables' limit on a chain name. */
  static final int MAX_CHAIN = 28;

  private NetworkCommands() {}

  /** {@code SHKD-<run>-<n>}, shortened to the run's last part when the whole does not fit 28 characters. */
  static String chain(String runId, int n) {
    String run = runId == null || runId.isBlank() ? "norun" : runId.replaceAll("[^A-Za-z0-9-]", "");
    String name = ShakedownLabels.CHAIN_PREFIX + run + "-" + n;
    if (name.length() > MAX_CHAIN) {
      String tail = run.substring(run.lastIndexOf('-') + 1);
      name = ShakedownLabels.CHAIN_PREFIX + tail + "-" + n;
    }
    return requireChain(name);
  }

  static String requireChain(String chain) {
    if (!CHAIN.matcher(chain).matches() || chain.length() > MAX_CHAIN) {
      throw new IllegalArgumentException("not a Shakedown chain name: '" + chain + "'");
    }
    return chain;
  }

  static String requireIp(String ip, String what) {
    if (ip == null || !IPV4.matcher(ip).matches()) {
      throw new TargetException(what + ": expected an IPv4 address, was '" + ip + "'");
    }
    return ip;
  }

  /** A rule body that drops packets from {@code ip}. */
  static String dropFrom(String ip) {
    return "-s " + requireIp(ip, "peer") + "/32 -j DROP";
  }

  /** A rule body that drops packets to {@code ip}. */
  static String dropTo(String ip) {
    return "-d " + requireIp(ip, "peer") + "/32 -j DROP";
  }

  /** A rule body that drops each packet with probability {@code percent}/100 ({@code statistic} match). */
  static String dropRandomly(double percent) {
    if (!(percent > 0 && percent <= 100)) {
      throw new TargetException("packet loss must be within (0, 100] percent, was " + percent);
    }
    return String.format(Locale.ROOT, "-m statistic --mode random --probability %.4f -j DROP", percent / 100);
  }

  /** Rule bodies that drop DNS queries (UDP and TCP to port 53). */
  static List<String> dropDns() {
    return List.of("-p udp --dport 53 -j DROP", "-p tcp --dport 53 -j DROP");
  }

  /**
   * One {@code sh -c} script: create {@code chain}, append the rules, and jump to it first thing from each of
   * {@code hooks} (INPUT / OUTPUT), so established connections are cut as well as new ones.
   */
  static String install(String chain, List<String> rules, List<String> hooks) {
    requireChain(chain);
    if (rules.isEmpty() || hooks.isEmpty()) {
      throw new IllegalArgumentException("a chain needs at least one rule and one hook");
    }
    List<String> steps = new ArrayList<>();
    steps.add("iptables -w -N " + chain);
    rules.forEach(r -> steps.add("iptables -w -A " + chain + " " + requireRule(r)));
    hooks.forEach(h -> steps.add("iptables -w -I " + requireHook(h) + " 1 -j " + chain));
    return String.join(" && ", steps);
  }

  /** Removes the jumps to {@code chain} and the chain itself; harmless when some of it is already gone. */
  static String remove(String chain) {
    requireChain(chain);
    return "for h in INPUT OUTPUT FORWARD; do while iptables -w -D $h -j " + chain + " 2>/dev/null; do :; done; done; "
        + "iptables -w -F " + chain + " 2>/dev/null; iptables -w -X " + chain + " 2>/dev/null; true";
  }

  /** Lists the filter table's rules ({@code iptables -S}). */
  static String list() {
    return "iptables -w -S";
  }

  /** The Shakedown chains that {@code iptables -S} output defines. */
  static List<String> chains(String iptablesS) {
    return iptablesS.lines().map(String::strip).filter(l -> l.startsWith("-N " + ShakedownLabels.CHAIN_PREFIX))
        .map(l -> l.substring(3).strip()).toList();
  }

  /** The rules {@code iptables -S} output lists inside {@code chain}, as {@code -A <chain> ...} lines. */
  static List<String> rulesOf(String iptablesS, String chain) {
    return iptablesS.lines().map(String::strip).filter(l -> l.startsWith("-A " + chain + " ")).toList();
  }

  /** A token bucket on the interface's egress: {@code rateKbit} kbit/s. */
  static String limit(String device, long rateKbit) {
    if (rateKbit <= 0) {
      throw new TargetException("bandwidth must be positive kbit/s, was " + rateKbit);
    }
    long burstBytes = Math.max(1600, rateKbit * 1000 / 8 / 10);   // a tenth of a second's worth, at least one MTU
    return "tc qdisc replace dev " + requireDevice(device) + " root tbf rate " + rateKbit + "kbit burst "
        + burstBytes + " latency 400ms";
  }

  static String unlimit(String device) {
    return "tc qdisc del dev " + requireDevice(device) + " root 2>/dev/null; true";
  }

  static String showQdisc(String device) {
    return "tc qdisc show dev " + requireDevice(device);
  }

  /**
   * The PID of a running containerd task in {@code ctr -n k8s.io task ls} output ({@code TASK PID STATUS}).
   *
   * @throws TargetException when the task is not listed as RUNNING
   */
  static String pidOf(String taskList, String containerId, String what) {
    for (String line : taskList.lines().toList()) {
      String[] cols = line.strip().split("\\s+");
      if (cols.length >= 3 && cols[0].equals(containerId) && cols[2].equals("RUNNING") && cols[1].matches("\\d+")) {
        return cols[1];
      }
    }
    throw new TargetException(what + ": its container " + containerId + " is not a RUNNING containerd task on its"
        + " node, so its network namespace cannot be entered");
  }

  private static String requireRule(String rule) {
    if (!rule.matches("[A-Za-z0-9 ./:_-]+")) {
      throw new IllegalArgumentException("unexpected characters in iptables rule '" + rule + "'");
    }
    return rule;
  }

  private static String requireHook(String hook) {
    if (!List.of("INPUT", "OUTPUT", "FORWARD").contains(hook)) {
      throw new IllegalArgumentException("hook must be INPUT, OUTPUT or FORWARD, was " + hook);
    }
    return hook;
  }

  private static String requireDevice(String device) {
    if (!device.matches("[A-Za-z0-9._-]{1,15}")) {
      throw new IllegalArgumentException("not an interface name: '" + device + "'");
    }
    return device;
  }
}
