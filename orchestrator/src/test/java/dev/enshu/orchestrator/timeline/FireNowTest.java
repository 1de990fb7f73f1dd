package dev.enshu.orchestrator.timeline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.enshu.orchestrator.exercise.State;
import dev.enshu.orchestrator.exercise.Team;
import dev.enshu.orchestrator.journal.Journal;
import dev.enshu.orchestrator.range.AddressPool;
import dev.enshu.orchestrator.range.PlanCompiler;
import dev.enshu.orchestrator.range.RangePlan;
import dev.enshu.orchestrator.range.memory.InMemoryRangeProvider;
import dev.enshu.scenario.ScenarioLoader;
import dev.enshu.scenario.TimelineItem;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Firing an inject before it falls due, against the timeline's own once-keys. */
class FireNowTest {
  private static final Instant T0 = Instant.parse("2026-11-30T01:00:00Z");

  private Journal journal;
  private InMemoryRangeProvider provider;
  private ScenarioLoader.Loaded loaded;
  private RangePlan plan;
  private TimelineEngine engine;

  @BeforeEach
  void setUp() {
    journal = Journal.inMemory("firenow" + System.nanoTime());
    provider = new InMemoryRangeProvider();
    loaded = ScenarioLoader.load(Path.of("src/test/resources/scenarios/e2e-mini.yaml"));
    plan =
        new PlanCompiler(loaded.scenario(), loaded.template())
            .compile("ex1", 1, 3, AddressPool.DEFAULT.block(0, 16));
    provider.provision(plan);
    engine = new TimelineEngine(journal, Runnable::run, Clock.fixed(T0, ZoneOffset.UTC));
  }

  private ActiveTeam team() {
    Team team =
        new Team(1, "solo", null, List.of(), State.RUNNING, null, plan.addressBlock(), T0, null, 0);
    return new ActiveTeam("ex1", team, 1.0, loaded.scenario(), plan, new ActionRunner(provider));
  }

  private TimelineItem item(String id) {
    return loaded.scenario().items().filter(i -> i.id().equals(id)).findFirst().orElseThrow();
  }

  private List<String> items(String type) {
    return journal.read("ex1", 1, type).stream().map(e -> (String) e.data().get("item")).toList();
  }

  @Test
  void firesAnInjectBeforeItsTimeAsTheInstructorAndRunsItsActionOnce() {
    var fired = engine.fireNow(team(), item("deface"), "sensei", T0.plusSeconds(10));
    assertThat(fired).isPresent();
    assertThat(fired.get().actor()).isEqualTo("sensei");
    assertThat(fired.get().data())
        .containsEntry("firedBy", "sensei")
        .containsEntry("scenarioMillis", 10_000L)
        .containsKey("groundTruth");
    assertThat(items(TimelineEngine.COMPLETED)).containsExactly("deface");

    // a second request and the timeline reaching its time both leave it alone
    assertThat(engine.fireNow(team(), item("deface"), "sensei", T0.plusSeconds(20))).isEmpty();
    engine.tick(T0.plusSeconds(7 * 60 + 1), List.of(team()));
    assertThat(items(TimelineEngine.FIRED)).containsOnlyOnce("deface");
    assertThat(items(TimelineEngine.COMPLETED)).containsOnlyOnce("deface");
  }

  @Test
  void aFreshEngineAfterARestartDoesNotFireAgainWhatWasFiredEarly() {
    engine.fireNow(team(), item("deface"), "sensei", T0.plusSeconds(10));
    TimelineEngine restarted =
        new TimelineEngine(journal, Runnable::run, Clock.fixed(T0, ZoneOffset.UTC));
    assertThat(restarted.fireNow(team(), item("deface"), "sensei", T0.plusSeconds(30))).isEmpty();
    restarted.tick(T0.plusSeconds(8 * 60), List.of(team()));
    assertThat(items(TimelineEngine.COMPLETED)).containsOnlyOnce("deface");
  }

  @Test
  void itemsThatFollowAnEarlyInjectAreTimedFromWhenItFired() {
    engine.fireNow(team(), item("implant"), "sensei", T0.plusSeconds(5));
    // the SOC alert follows the implant by 30 s: due at 35 s, not at 90 s
    engine.tick(T0.plusSeconds(36), List.of(team()));
    assertThat(items(TimelineEngine.SENT)).containsExactly("soc-alert");
    assertThat(items(TimelineEngine.FIRED)).containsExactly("implant");
  }

  @Test
  void cannotFireWhatTheTimelineAlreadySkipped() {
    engine.skip(team(), "deface", "sensei", T0.plusSeconds(1));
    assertThat(engine.fireNow(team(), item("deface"), "sensei", T0.plusSeconds(2))).isEmpty();
    assertThat(items(TimelineEngine.FIRED)).isEmpty();
  }
}
