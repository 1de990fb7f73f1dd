package dev.enshu.orchestrator.timeline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.enshu.orchestrator.exercise.State;
import dev.enshu.orchestrator.exercise.Team;
import dev.enshu.orchestrator.journal.Journal;
import dev.enshu.orchestrator.journal.JournalEvent;
import dev.enshu.orchestrator.range.AddressPool;
import dev.enshu.orchestrator.range.PlanCompiler;
import dev.enshu.orchestrator.range.RangePlan;
import dev.enshu.orchestrator.range.memory.InMemoryRangeProvider;
import dev.enshu.scenario.ScenarioLoader;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The timeline engine driven by hand-set instants against an in-memory range and database. */
class TimelineEngineTest {
  private static final Instant T0 = Instant.parse("2026-11-30T01:00:00Z");

  private Journal journal;
  private InMemoryRangeProvider provider;
  private ScenarioLoader.Loaded loaded;
  private RangePlan plan;

  @BeforeEach
  void setUp() {
    journal = Journal.inMemory("timeline" + System.nanoTime());
    provider = new InMemoryRangeProvider();
    loaded = ScenarioLoader.load(Path.of("src/test/resources/scenarios/e2e-mini.yaml"));
    plan =
        new PlanCompiler(loaded.scenario(), loaded.template())
            .compile("ex1", 1, 3, AddressPool.DEFAULT.block(0, 16));
    provider.provision(plan);
  }

  private TimelineEngine engine() {
    return new TimelineEngine(
        journal, Runnable::run, java.time.Clock.fixed(T0, java.time.ZoneOffset.UTC));
  }

  private ActiveTeam team(Instant pausedAt, long pausedMillis) {
    Team team =
        new Team(
            1,
            "solo",
            null,
            List.of(),
            State.RUNNING,
            null,
            plan.addressBlock(),
            T0,
            pausedAt,
            pausedMillis);
    return new ActiveTeam("ex1", team, 1.0, loaded.scenario(), plan, new ActionRunner(provider));
  }

  private List<String> decided(String type) {
    return journal.read("ex1", 1, type).stream().map(e -> (String) e.data().get("item")).toList();
  }

  @Test
  void firesInjectsWhenTheyFallDueAndTheOnesThatFollowThemAfterTheirDelay() {
    TimelineEngine engine = engine();
    Optional<Instant> next = engine.tick(T0.plusSeconds(30), List.of(team(null, 0)));
    assertThat(decided(TimelineEngine.FIRED)).isEmpty();
    assertThat(next).contains(T0.plusSeconds(60));
    engine.tick(T0.plusSeconds(61), List.of(team(null, 0)));
    assertThat(decided(TimelineEngine.FIRED)).containsExactly("implant");
    assertThat(decided(TimelineEngine.COMPLETED)).containsExactly("implant");
    engine.tick(T0.plusSeconds(125), List.of(team(null, 0)));
    assertThat(decided(TimelineEngine.FIRED)).containsExactly("implant", "discovery");
    assertThat(decided(TimelineEngine.SENT)).containsExactly("soc-alert");
  }

  @Test
  void writesTheGroundTruthWithTheTeamsVariables() {
    engine().tick(T0.plusSeconds(61), List.of(team(null, 0)));
    JournalEvent fired = journal.read("ex1", 1, TimelineEngine.FIRED).get(0);
    assertThat(fired.data())
        .containsEntry("technique", "T1204.002")
        .containsEntry("action", "implant");
    @SuppressWarnings("unchecked")
    Map<String, Object> truth = (Map<String, Object>) fired.data().get("groundTruth");
    assertThat(truth.get("indicators").toString())
        .contains(plan.variables().get("c2Domain"))
        .doesNotContain("${");
  }

  @Test
  void aBranchFiresOnlyWhileItsConditionHolds() {
    TimelineEngine engine = engine();
    engine.tick(T0.plusSeconds(241), List.of(team(null, 0)));
    // the C2 was blocked before the ransomware fell due
    journal.append(
        JournalEvent.of(
            "ex1",
            1,
            T0.plusSeconds(250),
            TimelineEngine.CHECK_RESULT,
            "checks",
            Map.of("check", "c2-blocked", "passed", true)));
    engine.tick(T0.plusSeconds(301), List.of(team(null, 0)));
    assertThat(decided(TimelineEngine.FIRED)).doesNotContain("ransomware");
    assertThat(journal.read("ex1", 1, TimelineEngine.SKIPPED))
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.data()).containsEntry("item", "ransomware");
              assertThat((String) e.data().get("reason"))
                  .contains("c2-blocked")
                  .contains("has passed");
            });
  }

  @Test
  void neverFiresAnInjectTwiceEvenAfterARestart() {
    engine().tick(T0.plusSeconds(61), List.of(team(null, 0)));
    // a new engine, as after a crash: it reads what was decided from the journal
    TimelineEngine restarted = engine();
    restarted.tick(T0.plusSeconds(62), List.of(team(null, 0)));
    restarted.tick(T0.plusSeconds(130), List.of(team(null, 0)));
    assertThat(decided(TimelineEngine.FIRED)).containsExactly("implant", "discovery");
    long commands = provider.commandsRun();
    engine().tick(T0.plusSeconds(130), List.of(team(null, 0)));
    assertThat(provider.commandsRun()).isEqualTo(commands);
  }

  @Test
  void aPausedTeamsClockStandsStill() {
    TimelineEngine engine = engine();
    // paused 10 s in, for 100 s: at T0+110 the scenario clock reads 10 s
    ActiveTeam paused = team(T0.plusSeconds(10), 0);
    assertThat(engine.tick(T0.plusSeconds(110), List.of(paused))).isEmpty();
    assertThat(decided(TimelineEngine.FIRED)).isEmpty();
    ActiveTeam resumed = team(null, 100_000);
    assertThat(resumed.team().scenarioTime(T0.plusSeconds(110), 1.0))
        .isEqualTo(Duration.ofSeconds(10));
    assertThat(engine.tick(T0.plusSeconds(120), List.of(resumed))).contains(T0.plusSeconds(160));
  }

  @Test
  void anInstructorSkipsAnInjectAndItsFollowersNeverFire() {
    TimelineEngine engine = engine();
    assertThat(engine.skip(team(null, 0), "implant", "instructor", T0)).isTrue();
    assertThat(engine.skip(team(null, 0), "implant", "instructor", T0)).isFalse();
    engine.tick(T0.plusSeconds(600), List.of(team(null, 0)));
    assertThat(decided(TimelineEngine.FIRED)).containsExactly("deface");
    assertThat(decided(TimelineEngine.SKIPPED))
        .contains(
            "implant", "discovery", "credential-theft", "exfiltration", "ransomware", "soc-alert");
  }

  @Test
  void anInjectWhoseEngineWasAwayRunsOnceWhenTheEngineAnswersAgain() {
    TimelineEngine engine = engine();
    provider.setEngineAway(true);
    engine.tick(T0.plusSeconds(61), List.of(team(null, 0)));
    assertThat(journal.read("ex1", 1, TimelineEngine.FAILED))
        .singleElement()
        .satisfies(e -> assertThat(e.data()).containsEntry("engineAway", true));
    engine.tick(T0.plusSeconds(62), List.of(team(null, 0)));
    assertThat(decided(TimelineEngine.RETRIED)).as("not while the engine is away").isEmpty();

    provider.setEngineAway(false);
    engineReturned();
    // a new engine, as after a server restart: it finds the waiting inject in the journal
    TimelineEngine restarted = engine();
    restarted.tick(T0.plusSeconds(63), List.of(team(null, 0)));
    restarted.tick(T0.plusSeconds(64), List.of(team(null, 0)));
    engine.tick(T0.plusSeconds(64), List.of(team(null, 0)));
    assertThat(decided(TimelineEngine.RETRIED)).containsExactly("implant");
    assertThat(decided(TimelineEngine.COMPLETED)).containsExactly("implant");
    assertThat(decided(TimelineEngine.FIRED)).containsExactly("implant");

    engineReturned();
    restarted.tick(T0.plusSeconds(65), List.of(team(null, 0)));
    assertThat(decided(TimelineEngine.RETRIED)).as("run again once only").hasSize(1);
  }

  @Test
  void anInjectThatFailsWhileItsEngineAnswersIsNotRunAgain() {
    TimelineEngine engine = engine();
    provider.destroy(plan.rangeId());
    engine.tick(T0.plusSeconds(61), List.of(team(null, 0)));
    assertThat(journal.read("ex1", 1, TimelineEngine.FAILED))
        .singleElement()
        .satisfies(e -> assertThat(e.data()).doesNotContainKey("engineAway"));
    engineReturned();
    engine.tick(T0.plusSeconds(62), List.of(team(null, 0)));
    assertThat(decided(TimelineEngine.RETRIED)).isEmpty();
  }

  private void engineReturned() {
    journal.append(
        JournalEvent.of(
            "ex1",
            1,
            T0.plusSeconds(63),
            dev.enshu.orchestrator.exercise.RangeEvents.ENGINE_RETURNED,
            "reconciliation",
            Map.of("range", plan.rangeId(), "provider", "memory")));
  }
}
