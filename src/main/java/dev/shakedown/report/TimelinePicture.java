package dev.shakedown.report;

import dev.shakedown.check.Outages;
import dev.shakedown.check.ReadyPods;
import dev.shakedown.history.Operation;
import dev.shakedown.history.TimelineEvent;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Rectangle;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.LegendItem;
import org.jfree.chart.LegendItemCollection;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.SymbolAxis;
import org.jfree.chart.axis.ValueAxis;
import org.jfree.chart.plot.CombinedDomainXYPlot;
import org.jfree.chart.plot.DatasetRenderingOrder;
import org.jfree.chart.plot.IntervalMarker;
import org.jfree.chart.plot.SeriesRenderingOrder;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.StackedXYBarRenderer;
import org.jfree.chart.renderer.xy.StandardXYBarPainter;
import org.jfree.chart.renderer.xy.XYBarRenderer;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.renderer.xy.XYStepRenderer;
import org.jfree.chart.title.TextTitle;
import org.jfree.chart.ui.Layer;
import org.jfree.chart.ui.RectangleAnchor;
import org.jfree.chart.ui.RectangleInsets;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.xy.CategoryTableXYDataset;
import org.jfree.data.xy.XYIntervalSeries;
import org.jfree.data.xy.XYIntervalSeriesCollection;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.jfree.svg.SVGGraphics2D;
import org.jfree.svg.SVGUtils;

/**
 * Draws a scenario as one SVG picture, lanes on a shared axis of seconds since its first event or operation:
 * client operations per second (ok / fail / info, p99 latency, outages), fault injections, Ready pods per
 * workload, node readiness and the phases. {@link #model} computes what is drawn; the drawing only maps it.
 */
public final class TimelinePicture {

  static final int WIDTH = 1200;
  static final String READY = "Ready";
  static final String NOT_READY = "NotReady";
  static final String UNKNOWN = "Unknown";
  static final String CORDONED = "cordoned";
  /** More injections than this share one row per fault name. */
  static final int MAX_FAULT_ROWS = 16;

  private static final long SECOND = 1_000_000_000L;
  private static final int OPS_HEIGHT = 230;
  private static final int PODS_HEIGHT = 150;
  private static final int ROW = 20;
  private static final int ROWS_PADDING = 26;
  private static final int OVERHEAD = 190;
  private static final Pattern REPLICA_SET = Pattern.compile("(.+)-[bcdfghjklmnpqrstvwxz2456789]{6,10}-[a-z0-9]{5}");
  private static final Pattern STATEFUL_SET = Pattern.compile("(.+)-\\d+");

  private static final Font TITLE_FONT = new Font(Font.SANS_SERIF, Font.BOLD, 18);
  private static final Font LABEL_FONT = new Font(Font.SANS_SERIF, Font.PLAIN, 13);
  private static final Font TICK_FONT = new Font(Font.SANS_SERIF, Font.PLAIN, 12);
  private static final Font NOTE_FONT = new Font(Font.SANS_SERIF, Font.ITALIC, 14);
  private static final Color OK = new Color(0x43A047);
  private static final Color FAIL = new Color(0xE53935);
  private static final Color INFO = new Color(0xFFB300);
  private static final Color LATENCY = new Color(0x1A237E);
  private static final Color OUTAGE = new Color(0xD50000);
  private static final Color CONTROL_PLANE = new Color(0x1565C0);
  private static final Color GRID = new Color(0xDDDDDD);
  private static final Map<String, Color> BAR_COLOURS = Map.of("fault", new Color(0x7B1FA2),
      "not healed", new Color(0xB71C1C), READY, new Color(0x66BB6A), NOT_READY, new Color(0xE53935),
      UNKNOWN, new Color(0x9E9E9E), CORDONED, new Color(0xFF8F00), "phase", new Color(0x5C7FA6),
      "phase failed", new Color(0xC62828), "phase unfinished", new Color(0xA9BCD0));
  private static final Color[] WORKLOAD_COLOURS = {new Color(0x1E88E5), new Color(0x8E24AA), new Color(0x00897B),
      new Color(0x6D4C41), new Color(0xF4511E), new Color(0x3949AB), new Color(0xC0CA33), new Color(0x546E7A)};

  /** Nanoseconds since the {@link Model#startNanos start}; {@code ended}: closed by its end mark, else open to the end. */
  record Band(String label, long from, long to, boolean ended) {}

  /** The completions in second {@code second} since the start, all loads together; {@code p99}: of those with an invoke. */
  record Bin(long second, int ok, int fail, int info, Duration p99) {}

  /** The Ready count of a workload became {@code ready} at {@code at} (nanoseconds since the start). */
  record Level(long at, int ready) {}

  /** The pods of {@code namespace} whose {@link #workloadOf workload} is {@code name}. */
  record Workload(String namespace, String name, List<Level> steps) {}

  /** One node: its {@link #READY} / {@link #NOT_READY} / {@link #UNKNOWN} states and the times it was cordoned. */
  record Node(String name, List<Band> states, List<Band> cordons) {}

  /** One run of a phase; {@code failed}: ended by a {@code failed} mark; not {@code ended}: no end mark at all. */
  record Phase(String name, long from, long to, boolean ended, boolean failed) {}

  /**
   * What the picture shows. Times are nanoseconds since {@code startNanos}, the earliest event or operation;
   * {@code end} is the latest. {@code outages} are labelled with their load, {@code controlPlane} with the
   * component, {@code faults} with the fault name, each in the order it began.
   */
  record Model(long startNanos, long end, List<Bin> bins, List<Band> outages,
      List<Band> controlPlane, List<Band> faults, List<Workload> workloads, List<Node> nodes, List<Phase> phases,
      int events) {}

  private TimelinePicture() {}

  /**
   * A standalone SVG document of the scenario {@code title}; {@code histories} maps a load name to its operations
   * in history order. Odd data (an unpaired heal, a pod of unknown shape) is drawn as far as it makes sense. The
   * document's DOCTYPE names the SVG 1.0 DTD by URL: an XML parser reading it should not load external DTDs.
   */
  public static String svg(String title, List<TimelineEvent> events, Map<String, List<Operation>> histories) {
    return draw(title == null ? "" : title, model(events, histories));
  }

  // ---- model ----

  static Model model(List<TimelineEvent> events, Map<String, List<Operation>> histories) {
    List<TimelineEvent> timeline = events == null ? List.of()
        : events.stream().filter(Objects::nonNull).toList();
    Map<String, List<Operation>> loads = new LinkedHashMap<>();
    if (histories != null) {
      histories.forEach((load, ops) -> loads.put(String.valueOf(load),
          ops == null ? List.of() : ops.stream().filter(Objects::nonNull).toList()));
    }
    long start = Long.MAX_VALUE;
    long last = Long.MIN_VALUE;
    for (TimelineEvent e : timeline) {
      start = Math.min(start, e.recordedNanos());
      last = Math.max(last, e.recordedNanos());
    }
    for (List<Operation> ops : loads.values()) {
      for (Operation op : ops) {
        start = Math.min(start, op.nanos());
        last = Math.max(last, op.nanos());
      }
    }
    if (start == Long.MAX_VALUE) {
      start = 0;
      last = 0;
    }
    long t0 = start;
    long end = last - start;
    List<Band> outages = new ArrayList<>();
    loads.forEach((load, ops) -> Outages.of(ops).forEach(o ->
        outages.add(new Band(load, o.fromNanos() - t0, o.toNanos() - t0, o.ended()))));
    outages.sort(Comparator.comparingLong(Band::from));
    return new Model(start, end, bins(loads.values(), start), outages,
        pairs(timeline, "control-plane", "down", "up", start, end), faults(timeline, start, end),
        workloads(timeline, start), nodes(timeline, start, end), phases(timeline, start, end), timeline.size());
  }

  /** Completions per second since {@code start}; latency is completion minus the invoke of the same process. */
  private static List<Bin> bins(Iterable<List<Operation>> histories, long start) {
    TreeMap<Long, int[]> counts = new TreeMap<>();
    Map<Long, List<Long>> latencies = new HashMap<>();
    for (List<Operation> ops : histories) {
      Map<Integer, Operation> invoked = new HashMap<>();
      for (Operation op : ops) {
        if (op.isInvoke()) {
          invoked.put(op.process(), op);
          continue;
        }
        long second = Math.floorDiv(op.nanos() - start, SECOND);
        counts.computeIfAbsent(second, s -> new int[3])[op.isOk() ? 0 : op.isFail() ? 1 : 2]++;
        Operation invoke = invoked.remove(op.process());
        if (invoke != null) {
          latencies.computeIfAbsent(second, s -> new ArrayList<>()).add(op.nanos() - invoke.nanos());
        }
      }
    }
    List<Bin> bins = new ArrayList<>();
    counts.forEach((second, c) -> bins.add(new Bin(second, c[0], c[1], c[2], p99(latencies.get(second)))));
    return bins;
  }

  /** Nearest-rank 99th percentile, {@code null} for none. */
  private static Duration p99(List<Long> latencies) {
    if (latencies == null || latencies.isEmpty()) {
      return null;
    }
    long[] sorted = latencies.stream().mapToLong(Long::longValue).sorted().toArray();
    int rank = (int) Math.ceil(0.99 * sorted.length);
    return Duration.ofNanos(sorted[Math.max(0, rank - 1)]);
  }

  /**
   * {@code open} / {@code close} marks of {@code source}, paired in order per subject; an unpaired close is
   * ignored, an unclosed open runs to {@code end}.
   */
  private static List<Band> pairs(List<TimelineEvent> events, String source, String open, String close, long start,
      long end) {
    List<Band> bands = new ArrayList<>();
    Map<String, Deque<Integer>> opened = new HashMap<>();
    for (TimelineEvent e : events) {
      if (!source.equals(e.source())) {
        continue;
      }
      String subject = e.subject() == null ? source : e.subject();
      long at = e.recordedNanos() - start;
      if (open.equals(e.kind())) {
        opened.computeIfAbsent(subject, s -> new ArrayDeque<>()).add(bands.size());
        bands.add(new Band(subject, at, end, false));
      } else if (close.equals(e.kind())) {
        Integer i = opened.getOrDefault(subject, new ArrayDeque<>()).poll();
        if (i != null) {
          bands.set(i, new Band(subject, bands.get(i).from(), at, true));
        }
      }
    }
    return bands;
  }

  /**
   * Fault spans, from {@code inject} to {@code heal} per fault name in order; a span starts at the fault's
   * {@code injecting} mark when one came first (a drain, a maintenance, an upgrade take minutes to be in place). A fault
   * whose injection began and never finished is a span to {@code end}, labelled so.
   */
  private static List<Band> faults(List<TimelineEvent> events, long start, long end) {
    List<TimelineEvent> marks = new ArrayList<>();
    Map<String, TimelineEvent> begun = new HashMap<>();
    for (TimelineEvent e : events) {
      if (!"fault".equals(e.source())) {
        continue;
      }
      String name = e.subject() == null ? "fault" : e.subject();
      if ("injecting".equals(e.kind())) {
        begun.put(name, e);
      } else if ("inject".equals(e.kind())) {
        TimelineEvent first = begun.remove(name);
        marks.add(first == null ? e : new TimelineEvent(first.recordedNanos(), first.recordedAt(), first.apiTime(),
            e.source(), e.kind(), e.subject(), e.detail()));
      } else {
        marks.add(e);
      }
    }
    List<Band> bands = new ArrayList<>(pairs(marks, "fault", "inject", "heal", start, end));
    begun.forEach((name, e) -> bands.add(new Band(name + " (injection did not finish)", e.recordedNanos() - start,
        end, false)));
    return bands;
  }

  /** Ready counts per namespace / workload, in the order the workloads first appear, counted by {@link ReadyPods}. */
  private static List<Workload> workloads(List<TimelineEvent> events, long start) {
    Map<List<String>, List<TimelineEvent>> groups = new LinkedHashMap<>();
    for (TimelineEvent e : events) {
      String subject = e.subject();
      if (!"pod".equals(e.source()) || e.kind() == null || subject == null || !subject.startsWith("pod/")) {
        continue;
      }
      int slash = subject.indexOf('/', 4);
      if (slash <= 4 || slash == subject.length() - 1) {
        continue;
      }
      String namespace = subject.substring(4, slash);
      groups.computeIfAbsent(List.of(namespace, workloadOf(subject.substring(slash + 1))), k -> new ArrayList<>())
          .add(e);
    }
    List<Workload> workloads = new ArrayList<>();
    groups.forEach((key, pods) -> workloads.add(new Workload(key.get(0), key.get(1),
        ReadyPods.of(pods, "pod/" + key.get(0) + "/").steps().stream()
            .map(s -> new Level(s.nanos() - start, s.ready())).toList())));
    return workloads;
  }

  /**
   * The workload a pod belongs to: {@code name} of a ReplicaSet pod {@code name-<hash>-<5 chars>} or a StatefulSet
   * pod {@code name-<ordinal>}, else the pod name itself.
   */
  static String workloadOf(String pod) {
    Matcher replicaSet = REPLICA_SET.matcher(pod);
    if (replicaSet.matches()) {
      return replicaSet.group(1);
    }
    Matcher statefulSet = STATEFUL_SET.matcher(pod);
    return statefulSet.matches() ? statefulSet.group(1) : pod;
  }

  /** Per node, in the order they first appear: readiness from ADDED / Ready / NotReady / Unknown / DELETED, cordons. */
  private static List<Node> nodes(List<TimelineEvent> events, long start, long end) {
    Map<String, NodeReplay> nodes = new LinkedHashMap<>();
    for (TimelineEvent e : events) {
      if ("node".equals(e.source()) && e.subject() != null && e.kind() != null) {
        String name = e.subject().startsWith("node/") ? e.subject().substring(5) : e.subject();
        nodes.computeIfAbsent(name, n -> new NodeReplay()).apply(e.kind(), e.detail(), e.recordedNanos() - start);
      }
    }
    List<Node> lanes = new ArrayList<>();
    nodes.forEach((name, replay) -> lanes.add(replay.finish(name, end)));
    return lanes;
  }

  /** The state of one node while its entries are replayed. */
  private static final class NodeReplay {
    private final List<Band> states = new ArrayList<>();
    private final List<Band> cordons = new ArrayList<>();
    private String state;
    private long since;
    private Long cordonedSince;

    void apply(String kind, String detail, long at) {
      switch (kind) {
        case "ADDED" -> {
          String ready = detail == null ? "" : detail;
          change(ready.contains("Ready=True") ? READY : ready.contains("Ready=False") ? NOT_READY
              : ready.contains("Ready=Unknown") ? UNKNOWN : state, at);
        }
        case READY, NOT_READY, UNKNOWN -> change(kind, at);
        case "Cordoned" -> cordonedSince = cordonedSince == null ? at : cordonedSince;
        case "Uncordoned" -> uncordon(at);
        case "DELETED" -> {
          change(null, at);
          uncordon(at);
        }
        default -> { }
      }
    }

    private void change(String next, long at) {
      if (Objects.equals(next, state)) {
        return;
      }
      if (state != null) {
        states.add(new Band(state, since, at, true));
      }
      state = next;
      since = at;
    }

    private void uncordon(long at) {
      if (cordonedSince != null) {
        cordons.add(new Band(CORDONED, cordonedSince, at, true));
        cordonedSince = null;
      }
    }

    Node finish(String name, long end) {
      if (state != null) {
        states.add(new Band(state, since, end, false));
      }
      if (cordonedSince != null) {
        cordons.add(new Band(CORDONED, cordonedSince, end, false));
      }
      return new Node(name, List.copyOf(states), List.copyOf(cordons));
    }
  }

  /** Phase runs in the order they began; an end or failed mark closes the latest open run of that name. */
  private static List<Phase> phases(List<TimelineEvent> events, long start, long end) {
    List<Phase> phases = new ArrayList<>();
    Map<String, Deque<Integer>> open = new HashMap<>();
    for (TimelineEvent e : events) {
      if (!"phase".equals(e.source()) || e.subject() == null) {
        continue;
      }
      long at = e.recordedNanos() - start;
      if ("begin".equals(e.kind())) {
        open.computeIfAbsent(e.subject(), s -> new ArrayDeque<>()).push(phases.size());
        phases.add(new Phase(e.subject(), at, end, false, false));
      } else if ("end".equals(e.kind()) || "failed".equals(e.kind())) {
        Integer i = open.getOrDefault(e.subject(), new ArrayDeque<>()).poll();
        if (i != null) {
          phases.set(i, new Phase(e.subject(), phases.get(i).from(), at, true, "failed".equals(e.kind())));
        }
      }
    }
    return phases;
  }

  // ---- drawing ----

  private static String draw(String title, Model m) {
    double end = Math.max(seconds(m.end()), 1);
    NumberAxis time = axis(new NumberAxis("seconds since start"));
    time.setRange(0, end);
    CombinedDomainXYPlot plot = new CombinedDomainXYPlot(time);
    plot.setGap(12);
    int lanes = OPS_HEIGHT;
    plot.add(operations(m, end), OPS_HEIGHT);
    double minWidth = end / 600;
    if (!m.faults().isEmpty()) {
      Bars bars = new Bars();
      boolean perInjection = m.faults().size() <= MAX_FAULT_ROWS;
      List<String> rows = new ArrayList<>();
      for (Band f : m.faults()) {
        String row = perInjection ? f.label() + (f.ended() || f.label().contains(" (") ? "" : " (not healed)") : f.label();
        if (perInjection || !rows.contains(row)) {
          rows.add(row);
        }
        bars.add(f.ended() ? "fault" : "not healed", perInjection ? rows.size() - 1 : rows.indexOf(row), f, 0.35,
            minWidth);
      }
      lanes += add(plot, bars.plot("faults", rows), rows.size());
    }
    if (!m.workloads().isEmpty()) {
      plot.add(pods(m), PODS_HEIGHT);
      lanes += PODS_HEIGHT;
    }
    if (!m.nodes().isEmpty()) {
      Bars bars = new Bars();
      List<String> rows = m.nodes().stream().map(Node::name).toList();
      for (int i = 0; i < rows.size(); i++) {
        for (Band s : m.nodes().get(i).states()) {
          bars.add(s.label(), i, s, 0.35, minWidth);
        }
      }
      for (int i = 0; i < rows.size(); i++) {
        for (Band c : m.nodes().get(i).cordons()) {
          bars.add(CORDONED, i, c, 0.12, minWidth);
        }
      }
      lanes += add(plot, bars.plot("nodes", rows), rows.size());
    }
    if (!m.phases().isEmpty()) {
      Bars bars = new Bars();
      List<String> rows = m.phases().stream().map(Phase::name).distinct().toList();
      for (Phase p : m.phases()) {
        bars.add(p.failed() ? "phase failed" : p.ended() ? "phase" : "phase unfinished", rows.indexOf(p.name()),
            new Band(p.name(), p.from(), p.to(), p.ended()), 0.35, minWidth);
      }
      lanes += add(plot, bars.plot("phases", rows), rows.size());
    }
    LegendItemCollection legend = plot.getLegendItems();
    legend.add(new LegendItem("outage", new Color(OUTAGE.getRed(), OUTAGE.getGreen(), OUTAGE.getBlue(), 70)));
    if (!m.controlPlane().isEmpty()) {
      legend.add(new LegendItem("control plane down", new Color(CONTROL_PLANE.getRed(), CONTROL_PLANE.getGreen(),
          CONTROL_PLANE.getBlue(), 60)));
    }
    plot.setFixedLegendItems(legend);

    JFreeChart chart = new JFreeChart(title, TITLE_FONT, plot, true);
    chart.setBackgroundPaint(Color.WHITE);
    chart.setPadding(new RectangleInsets(8, 8, 8, 16));
    chart.getLegend().setItemFont(TICK_FONT);
    chart.addSubtitle(0, new TextTitle(summary(m), LABEL_FONT));
    if (m.events() == 0) {
      chart.addSubtitle(1, new TextTitle("no events", NOTE_FONT));
    }
    int height = lanes + OVERHEAD;
    SVGGraphics2D g = new SVGGraphics2D(WIDTH, height);
    g.setGeomDoubleConverter(SVGUtils.createDoubleConverter(2));
    g.setDefsKeyPrefix("timeline" + Integer.toHexString(Objects.hash(title, m)) + "-"); // same input, same document
    chart.draw(g, new Rectangle(0, 0, WIDTH, height));
    return g.getSVGElement();
  }

  private static int add(CombinedDomainXYPlot plot, XYPlot lane, int rows) {
    int height = rows * ROW + ROWS_PADDING;
    plot.add(lane, height);
    return height;
  }

  private static String summary(Model m) {
    int ok = 0;
    int fail = 0;
    int info = 0;
    for (Bin b : m.bins()) {
      ok += b.ok();
      fail += b.fail();
      info += b.info();
    }
    long longest = m.outages().stream().mapToLong(b -> b.to() - b.from()).max().orElse(0);
    return String.format(Locale.ROOT, "%d completions: %d ok, %d fail, %d info  ·  %s  ·  %d fault injection(s)  ·  "
            + "%.1f s", ok + fail + info, ok, fail, info,
        m.outages().isEmpty() ? "no outage"
            : String.format(Locale.ROOT, "%d outage(s), longest %.1f s", m.outages().size(), seconds(longest)),
        m.faults().size(), seconds(m.end()));
  }

  /** Stacked ok / fail / info per second, the p99 line on a second axis, outage and control-plane bands. */
  private static XYPlot operations(Model m, double end) {
    CategoryTableXYDataset counts = new CategoryTableXYDataset();
    XYSeries p99 = new XYSeries("p99 latency (ms)");
    Long previous = null;
    for (Bin b : m.bins()) {
      addCount(counts, b.second(), b.ok(), "ok");
      addCount(counts, b.second(), b.fail(), "fail");
      addCount(counts, b.second(), b.info(), "info");
      if (b.p99() != null) {
        if (previous != null && b.second() > previous + 1) {
          p99.add(previous + 1.0, null); // a gap in the line
        }
        p99.add(b.second() + 0.5, b.p99().toNanos() / 1e6);
        previous = b.second();
      }
    }
    counts.setIntervalWidth(1.0);
    counts.setIntervalPositionFactor(0.0);
    StackedXYBarRenderer bars = new StackedXYBarRenderer(0.0);
    bars.setBarPainter(new StandardXYBarPainter());
    bars.setShadowVisible(false);
    bars.setDrawBarOutline(false);
    Map<String, Color> colours = Map.of("ok", OK, "fail", FAIL, "info", INFO);
    for (int i = 0; i < counts.getSeriesCount(); i++) {
      bars.setSeriesPaint(i, colours.get(String.valueOf(counts.getSeriesKey(i))));
    }
    NumberAxis perSecond = axis(new NumberAxis("ops/s"));
    perSecond.setStandardTickUnits(NumberAxis.createIntegerTickUnits());
    XYPlot plot = lane(new XYPlot(counts, null, perSecond, bars));
    NumberAxis ms = axis(new NumberAxis("p99 ms"));
    plot.setRangeAxis(1, ms);
    XYLineAndShapeRenderer line = new XYLineAndShapeRenderer(true, false);
    line.setSeriesPaint(0, LATENCY);
    line.setSeriesStroke(0, new BasicStroke(1.5f));
    plot.setRenderer(1, line);
    plot.mapDatasetToRangeAxis(1, 1);
    plot.setDataset(1, new XYSeriesCollection(p99));
    plot.setDatasetRenderingOrder(DatasetRenderingOrder.FORWARD);
    plot.setNoDataMessage("no operations");
    plot.setNoDataMessageFont(NOTE_FONT);
    for (Band o : m.outages()) {
      plot.addDomainMarker(band(o, end, OUTAGE, 0.25f), Layer.BACKGROUND);
    }
    for (Band c : m.controlPlane()) {
      IntervalMarker marker = band(c, end, CONTROL_PLANE, 0.15f);
      marker.setLabel("control plane down: " + c.label());
      marker.setLabelFont(TICK_FONT);
      marker.setLabelAnchor(RectangleAnchor.TOP_LEFT);
      marker.setLabelTextAnchor(TextAnchor.TOP_LEFT);
      plot.addDomainMarker(marker, Layer.BACKGROUND);
    }
    return plot;
  }

  /** A zero count is NaN: no bar drawn, yet every series exists from the first bin on, in stacking order. */
  private static void addCount(CategoryTableXYDataset counts, long second, int count, String series) {
    counts.add(second, count > 0 ? count : Double.NaN, series);
  }

  private static IntervalMarker band(Band b, double end, Color colour, float alpha) {
    double from = seconds(b.from());
    IntervalMarker marker = new IntervalMarker(from, Math.max(seconds(b.to()), from + end / 600), colour);
    marker.setAlpha(alpha);
    return marker;
  }

  /** A step line of the Ready count per workload, up to the end. */
  private static XYPlot pods(Model m) {
    boolean namespaces = m.workloads().stream().map(Workload::namespace).distinct().count() > 1;
    XYSeriesCollection data = new XYSeriesCollection();
    XYStepRenderer steps = new XYStepRenderer();
    for (Workload w : m.workloads()) {
      XYSeries series = new XYSeries(namespaces ? w.namespace() + "/" + w.name() : w.name(), false, true);
      int ready = 0;
      series.add(0, 0);
      for (Level l : w.steps()) {
        series.add(seconds(l.at()), l.ready());
        ready = l.ready();
      }
      series.add(seconds(m.end()), ready);
      steps.setSeriesPaint(data.getSeriesCount(), WORKLOAD_COLOURS[data.getSeriesCount() % WORKLOAD_COLOURS.length]);
      steps.setSeriesStroke(data.getSeriesCount(), new BasicStroke(2f));
      data.addSeries(series);
    }
    NumberAxis count = axis(new NumberAxis("pods Ready"));
    count.setStandardTickUnits(NumberAxis.createIntegerTickUnits());
    count.setAutoRangeIncludesZero(true);
    return lane(new XYPlot(data, null, count, steps));
  }

  /** Interval bars on named rows, one series per colour (made when first used, so the legend shows only those). */
  private static final class Bars {
    private final XYIntervalSeriesCollection data = new XYIntervalSeriesCollection();
    private final Map<String, XYIntervalSeries> series = new LinkedHashMap<>();

    void add(String kind, int row, Band b, double halfHeight, double minWidth) {
      XYIntervalSeries s = series.computeIfAbsent(kind, k -> {
        XYIntervalSeries made = new XYIntervalSeries(k);
        data.addSeries(made);
        return made;
      });
      double from = seconds(b.from());
      s.add(from, from, Math.max(seconds(b.to()), from + minWidth), row, row - halfHeight, row + halfHeight);
    }

    XYPlot plot(String label, List<String> rows) {
      SymbolAxis axis = axis(new SymbolAxis(label, rows.toArray(String[]::new)));
      axis.setGridBandsVisible(false);
      axis.setInverted(true);
      axis.setRange(-0.5, rows.size() - 0.5);
      XYBarRenderer renderer = new XYBarRenderer();
      renderer.setUseYInterval(true);
      renderer.setBarPainter(new StandardXYBarPainter());
      renderer.setShadowVisible(false);
      renderer.setDrawBarOutline(false);
      int i = 0;
      for (String kind : series.keySet()) {
        renderer.setSeriesPaint(i++, BAR_COLOURS.getOrDefault(kind, Color.GRAY));
      }
      XYPlot plot = lane(new XYPlot(data, null, axis, renderer));
      plot.setSeriesRenderingOrder(SeriesRenderingOrder.FORWARD);
      plot.setRangeGridlinesVisible(false);
      return plot;
    }
  }

  private static XYPlot lane(XYPlot plot) {
    plot.setBackgroundPaint(Color.WHITE);
    plot.setOutlinePaint(Color.GRAY);
    plot.setDomainGridlinePaint(GRID);
    plot.setRangeGridlinePaint(GRID);
    return plot;
  }

  private static <A extends ValueAxis> A axis(A axis) {
    axis.setLabelFont(LABEL_FONT);
    axis.setTickLabelFont(TICK_FONT);
    return axis;
  }

  private static double seconds(long nanos) {
    return nanos / 1e9;
  }
}
