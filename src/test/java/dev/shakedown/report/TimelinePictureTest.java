package dev.shakedown.report;

import static dev.shakedown.history.Operation.Type.FAIL;
import static dev.shakedown.history.Operation.Type.INFO;
import static dev.shakedown.history.Operation.Type.INVOKE;
import static dev.shakedown.history.Operation.Type.OK;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.shakedown.history.Operation;
import dev.shakedown.history.TimelineEvent;
import dev.shakedown.report.TimelinePicture.Band;
import dev.shakedown.report.TimelinePicture.Bin;
import dev.shakedown.report.TimelinePicture.Level;
import dev.shakedown.report.TimelinePicture.Model;
import dev.shakedown.report.TimelinePicture.Phase;
import dev.shakedown.report.TimelinePicture.Workload;
import java.io.StringReader;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;

class TimelinePictureTest {

  private static final String SVG_NS = "http://www.w3.org/2000/svg";
  private static final String WEB_A = "pod/ns/web-6f7495f75b-abcde";
  private static final String WEB_B = "pod/ns/web-6f7495f75b-fghij";

  static TimelineEvent at(long ms, String source, String kind, String subject) {
    return at(ms, source, kind, subject, "");
  }

  static TimelineEvent at(long ms, String source, String kind, String subject, String detail) {
    return new TimelineEvent(ms(ms), Instant.EPOCH.plusMillis(ms), null, source, kind, subject, detail);
  }

  static long ms(long ms) {
    return ms * 1_000_000;
  }

  /** A history in the making: each call is an invoke and its completion by the same process. */
  static final class Ops {
    final List<Operation> ops = new ArrayList<>();

    Ops call(int process, long invokeMs, long completeMs, Operation.Type outcome) {
      ops.add(new Operation(ops.size(), process, INVOKE, "get", null, ms(invokeMs), null, null));
      return done(process, completeMs, outcome);
    }

    /** A completion whose invoke is not in the history. */
    Ops done(int process, long completeMs, Operation.Type outcome) {
      ops.add(new Operation(ops.size(), process, outcome, "get", null, ms(completeMs), null,
          outcome == OK ? null : "boom"));
      return this;
    }
  }

  @Test
  void completionsAreCountedPerSecondOverAllLoads() {
    Ops a = new Ops().call(0, 0, 10, OK).call(0, 20, 30, OK).call(0, 40, 50, FAIL).call(0, 900, 990, OK)
        .call(0, 995, 1_005, OK).call(0, 1_100, 1_200, INFO).call(0, 1_300, 1_400, OK);
    Ops b = new Ops().call(7, 100, 200, OK).call(7, 3_000, 3_500, FAIL);

    Model m = TimelinePicture.model(List.of(), Map.of("a", a.ops, "b", b.ops));

    assertThat(m.bins()).extracting(Bin::second, Bin::ok, Bin::fail, Bin::info)
        .containsExactly(tuple(0L, 4, 1, 0), tuple(1L, 2, 0, 1), tuple(3L, 0, 1, 0));
    assertThat(m.end()).isEqualTo(ms(3_500));
  }

  @Test
  void theAxisStartsAtTheEarlierOfTheFirstEventAndTheFirstOperation() {
    Ops a = new Ops().call(0, 2_000, 2_100, OK);
    List<TimelineEvent> events = List.of(at(1_500, "phase", "begin", "steady"), at(4_000, "phase", "end", "steady"));

    Model m = TimelinePicture.model(events, Map.of("a", a.ops));

    assertThat(m.startNanos()).isEqualTo(ms(1_500));
    assertThat(m.end()).isEqualTo(ms(2_500));
    assertThat(m.bins()).extracting(Bin::second).containsExactly(0L);
    assertThat(TimelinePicture.model(List.of(at(3_000, "phase", "begin", "steady")), Map.of("a", a.ops)).startNanos())
        .isEqualTo(ms(2_000));
  }

  @Test
  void theP99OfABinIsTheNearestRankOfItsLatencies() {
    Ops a = new Ops();
    for (int p = 0; p < 100; p++) {
      a.call(p, 0, p + 1, p % 10 == 0 ? FAIL : OK); // latencies 1..100 ms, all completing in second 0
    }
    a.call(0, 1_000, 1_250, OK).done(1, 2_100, INFO);

    List<Bin> bins = TimelinePicture.model(List.of(), Map.of("a", a.ops)).bins();

    assertThat(bins).extracting(Bin::p99)
        .containsExactly(Duration.ofMillis(99), Duration.ofMillis(250), null);
  }

  @Test
  void outagesAreTakenPerLoadAndLabelledWithIt() {
    Ops a = new Ops().call(0, 0, 100, OK).call(0, 1_000, 1_100, FAIL).call(0, 2_000, 2_100, OK);
    Ops b = new Ops().call(0, 500, 600, OK).call(0, 3_000, 3_100, INFO);
    Map<String, List<Operation>> histories = new LinkedHashMap<>();
    histories.put("b", b.ops);
    histories.put("a", a.ops);

    assertThat(TimelinePicture.model(List.of(), histories).outages()).containsExactly(
        new Band("a", ms(100), ms(2_100), true), new Band("b", ms(600), ms(3_100), false));
  }

  @Test
  void faultsArePairedInOrderPerNameAndAnUnhealedOneRunsToTheEnd() {
    List<TimelineEvent> events = List.of(
        at(0, "phase", "begin", "inject"),
        at(1_000, "fault", "inject", "node-drain", "drained node/a"),
        at(1_500, "fault", "inject", "pod-kill"),
        at(3_000, "fault", "heal", "node-drain"),
        at(3_200, "fault", "heal", "ghost"),
        at(4_000, "fault", "inject", "node-drain"),
        at(4_500, "fault", "heal", "pod-kill"),
        at(6_000, "fault", "heal", "node-drain"),
        at(7_000, "fault", "inject", "node-drain"),
        at(9_000, "phase", "end", "inject"));

    assertThat(TimelinePicture.model(events, Map.of()).faults()).containsExactly(
        new Band("node-drain", ms(1_000), ms(3_000), true),
        new Band("pod-kill", ms(1_500), ms(4_500), true),
        new Band("node-drain", ms(4_000), ms(6_000), true),
        new Band("node-drain", ms(7_000), ms(9_000), false));
  }

  @Test
  void aFaultThatTakesAWhileStartsWhereItsInjectionBegan() {
    List<TimelineEvent> events = List.of(
        at(0, "phase", "begin", "inject"),
        at(1_000, "fault", "injecting", "kubernetes-upgrade", "v1.34.4 -> v1.35.4"),
        at(2_000, "fault", "injecting", "node-drain", "worker"),
        at(5_000, "fault", "inject", "node-drain", "drained"),
        at(6_000, "fault", "heal", "node-drain"),
        at(7_000, "fault", "injecting", "node-drain", "worker2"),
        at(8_000, "fault", "inject", "kubernetes-upgrade"),
        at(8_500, "fault", "heal", "kubernetes-upgrade"),
        at(9_000, "phase", "end", "inject"));

    assertThat(TimelinePicture.model(events, Map.of()).faults()).containsExactly(
        new Band("node-drain", ms(2_000), ms(6_000), true),
        new Band("kubernetes-upgrade", ms(1_000), ms(8_500), true),
        new Band("node-drain (injection did not finish)", ms(7_000), ms(9_000), false));
  }

  @Test
  void controlPlaneOutagesArePairedDownToUp() {
    List<TimelineEvent> events = List.of(at(0, "phase", "begin", "inject"),
        at(1_000, "control-plane", "down", "kube-apiserver"), at(2_500, "control-plane", "up", "kube-apiserver"),
        at(3_000, "control-plane", "down", "etcd"), at(4_000, "phase", "end", "inject"));

    assertThat(TimelinePicture.model(events, Map.of()).controlPlane()).containsExactly(
        new Band("kube-apiserver", ms(1_000), ms(2_500), true), new Band("etcd", ms(3_000), ms(4_000), false));
  }

  @Test
  void readyPodsAreStepsPerWorkload() {
    List<TimelineEvent> events = List.of(
        at(0, "pod", "ADDED", WEB_A),
        at(100, "pod", "Ready", WEB_A),
        at(200, "pod", "Ready", WEB_B),
        at(300, "pod", "Ready", "pod/ns/etcd-0"),
        at(350, "pod", "Ready", "pod/ns/etcd-0"),
        at(400, "pod", "Ready", "pod/ns/etcd-1"),
        at(500, "pod", "NotReady", WEB_A),
        at(600, "pod", "Terminating", "pod/ns/etcd-1"),
        at(650, "pod", "DELETED", "pod/ns/etcd-1"),
        at(700, "pod", "Ready", "pod/other/web-6f7495f75b-zzzzz"),
        at(800, "pod", "Ready", "pod/ns/loner"),
        at(900, "pod", "Ready", "pod/no-namespace"),
        at(950, "pod", "Ready", "pod//nameless"),
        at(990, "pod", "Ready", null));

    List<Workload> workloads = TimelinePicture.model(events, Map.of()).workloads();

    assertThat(workloads).extracting(Workload::namespace, Workload::name)
        .containsExactly(tuple("ns", "web"), tuple("ns", "etcd"), tuple("other", "web"), tuple("ns", "loner"));
    assertThat(workloads.get(0).steps())
        .containsExactly(new Level(ms(100), 1), new Level(ms(200), 2), new Level(ms(500), 1));
    assertThat(workloads.get(1).steps())
        .containsExactly(new Level(ms(300), 1), new Level(ms(400), 2), new Level(ms(600), 1));
    assertThat(workloads.get(2).steps()).containsExactly(new Level(ms(700), 1));
  }

  @Test
  void aPodBelongsToItsReplicaSetsOrStatefulSetsName() {
    assertThat(TimelinePicture.workloadOf("web-6f7495f75b-abcde")).isEqualTo("web");
    assertThat(TimelinePicture.workloadOf("my-app-7d4b9c8f6d-x2x9q")).isEqualTo("my-app");
    assertThat(TimelinePicture.workloadOf("etcd-0")).isEqualTo("etcd");
    assertThat(TimelinePicture.workloadOf("pg-db-12")).isEqualTo("pg-db");
    assertThat(TimelinePicture.workloadOf("loner")).isEqualTo("loner");
    assertThat(TimelinePicture.workloadOf("web-frontend-abcde")).as("no vowels in a pod-template hash")
        .isEqualTo("web-frontend-abcde");
  }

  @Test
  void nodeReadinessIsReplayedIntoIntervals() {
    List<TimelineEvent> events = List.of(
        at(0, "node", "ADDED", "node/a", "Ready=True"),
        at(100, "node", "ADDED", "node/b", "Ready=False"),
        at(500, "node", "ADDED", "node/c", "Ready=True"),
        at(800, "node", "DELETED", "node/c"),
        at(1_000, "node", "Ready", "node/b"),
        at(2_000, "node", "NotReady", "node/a"),
        at(2_100, "node", "Cordoned", "node/a", "unschedulable=true"),
        at(2_500, "node", "NotReady", "node/a"),
        at(3_000, "node", "Ready", "node/a"),
        at(3_500, "node", "Uncordoned", "node/a", "unschedulable=false"),
        at(4_000, "node", "Cordoned", "node/b"),
        at(4_500, "node", "Unknown", "node/b"),
        at(5_000, "phase", "end", "verify"));

    List<TimelinePicture.Node> nodes = TimelinePicture.model(events, Map.of()).nodes();

    assertThat(nodes).extracting(TimelinePicture.Node::name).containsExactly("a", "b", "c");
    assertThat(nodes.get(0).states()).containsExactly(new Band("Ready", 0, ms(2_000), true),
        new Band("NotReady", ms(2_000), ms(3_000), true), new Band("Ready", ms(3_000), ms(5_000), false));
    assertThat(nodes.get(0).cordons()).containsExactly(new Band("cordoned", ms(2_100), ms(3_500), true));
    assertThat(nodes.get(1).states()).containsExactly(new Band("NotReady", ms(100), ms(1_000), true),
        new Band("Ready", ms(1_000), ms(4_500), true), new Band("Unknown", ms(4_500), ms(5_000), false));
    assertThat(nodes.get(1).cordons()).containsExactly(new Band("cordoned", ms(4_000), ms(5_000), false));
    assertThat(nodes.get(2).states()).containsExactly(new Band("Ready", ms(500), ms(800), true));
  }

  @Test
  void phasesRunFromBeginToEndOrFailed() {
    List<TimelineEvent> events = List.of(
        at(0, "phase", "begin", "steady"),
        at(1_000, "phase", "end", "steady"),
        at(1_000, "phase", "begin", "inject"),
        at(3_000, "phase", "end", "inject"),
        at(3_500, "phase", "end", "heal"),
        at(4_000, "phase", "begin", "inject"),
        at(5_000, "phase", "failed", "inject", "boom"),
        at(6_000, "phase", "begin", "verify"),
        at(7_000, "pod", "Ready", WEB_A));

    assertThat(TimelinePicture.model(events, Map.of()).phases()).containsExactly(
        new Phase("steady", 0, ms(1_000), true, false),
        new Phase("inject", ms(1_000), ms(3_000), true, false),
        new Phase("inject", ms(4_000), ms(5_000), true, true),
        new Phase("verify", ms(6_000), ms(7_000), false, false));
  }

  @Test
  void theSvgShowsTheTitleAndEveryLabel() throws Exception {
    List<TimelineEvent> events = List.of(
        at(0, "phase", "begin", "steady"),
        at(0, "node", "ADDED", "node/shakedown-worker", "Ready=True"),
        at(0, "node", "ADDED", "node/shakedown-worker2", "Ready=True"),
        at(100, "pod", "Ready", WEB_A), at(150, "pod", "Ready", WEB_B),
        at(200, "pod", "Ready", "pod/ns/etcd-0"), at(250, "pod", "Ready", "pod/ns/etcd-1"),
        at(1_000, "phase", "end", "steady"),
        at(1_000, "phase", "begin", "inject"),
        at(2_000, "fault", "inject", "node-drain"),
        at(2_100, "node", "NotReady", "node/shakedown-worker2"),
        at(2_500, "pod", "NotReady", WEB_A),
        at(3_000, "fault", "inject", "pod-kill"),
        at(4_000, "fault", "heal", "node-drain"),
        at(4_100, "node", "Ready", "node/shakedown-worker2"),
        at(5_000, "phase", "end", "inject"),
        at(5_000, "phase", "begin", "verify"),
        at(6_000, "phase", "end", "verify"));
    Ops a = new Ops();
    for (long t = 0; t < 6_000; t += 100) {
      a.call(0, t, t + 20, t >= 2_000 && t < 2_500 ? FAIL : OK);
    }

    String svg = TimelinePicture.svg("Rolling <maintenance> & more", events, Map.of("reads", a.ops));

    Document doc = parse(svg);
    assertThat(doc.getDocumentElement().getLocalName()).isEqualTo("svg");
    assertThat(doc.getDocumentElement().getNamespaceURI()).isEqualTo(SVG_NS);
    assertThat(texts(doc)).contains("Rolling <maintenance> & more", "node-drain", "pod-kill (not healed)", "web",
        "etcd", "shakedown-worker", "shakedown-worker2", "steady", "inject", "verify", "ok", "fail", "outage");
  }

  @Test
  void emptyInputsGiveAnSvgWithTheTitleAndNotes() throws Exception {
    Document doc = parse(TimelinePicture.svg("nothing happened", List.of(), Map.of()));

    assertThat(doc.getDocumentElement().getLocalName()).isEqualTo("svg");
    assertThat(texts(doc)).contains("nothing happened", "no operations", "no events");
    assertThat(texts(TimelinePicture.svg(null, null, null))).contains("no operations", "no events");
  }

  @Test
  void oddDataIsDrawnAsFarAsItGoes() throws Exception {
    List<TimelineEvent> events = List.of(
        at(0, "fault", "heal", "pod-kill"),
        at(100, "pod", "Ready", "pod/ns/Weird_Name"),
        at(200, "pod", null, "pod/ns/x"),
        at(300, "node", "Cordoned", "shakedown-worker"),
        at(400, "node", null, "node/y"),
        at(500, "phase", "end", "never-begun"),
        at(600, null, null, null, null),
        at(700, "fault", "inject", null));
    Map<String, List<Operation>> histories = new LinkedHashMap<>();
    histories.put("only-invokes", List.of(new Operation(0, 0, INVOKE, "get", null, ms(50), null, null)));
    histories.put("empty", List.of());

    String svg = TimelinePicture.svg("odd", events, histories);

    assertThat(texts(parse(svg))).contains("odd", "Weird_Name", "shakedown-worker", "fault (not healed)");
  }

  private static Document parse(String svg) throws Exception {
    DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
    factory.setNamespaceAware(true);
    factory.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
    return factory.newDocumentBuilder().parse(new InputSource(new StringReader(svg)));
  }

  private static List<String> texts(String svg) throws Exception {
    return texts(parse(svg));
  }

  private static List<String> texts(Document doc) {
    NodeList nodes = doc.getElementsByTagNameNS(SVG_NS, "text");
    List<String> texts = new ArrayList<>();
    for (int i = 0; i < nodes.getLength(); i++) {
      texts.add(((Element) nodes.item(i)).getTextContent());
    }
    return texts;
  }
}
