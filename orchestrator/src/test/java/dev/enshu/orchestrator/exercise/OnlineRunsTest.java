package dev.enshu.orchestrator.exercise;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.enshu.orchestrator.EnshuException;
import dev.enshu.orchestrator.journal.Journal;
import dev.enshu.orchestrator.journal.JournalEvent;
import dev.enshu.orchestrator.range.Providers;
import dev.enshu.orchestrator.range.memory.InMemoryRangeProvider;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Online runs on an in-memory range and database, their idle clock driven by hand. */
class OnlineRunsTest {
  private static final String SCENARIO = "src/test/resources/scenarios/e2e-mini.yaml";

  /** A clock the test moves. */
  static final class HandClock extends Clock {
    private volatile Instant now = Instant.parse("2026-11-30T01:00:00Z");

    void advance(Duration d) {
      now = now.plus(d);
    }

    @Override
    public Instant instant() {
      return now;
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }
  }

  private final HandClock clock = new HandClock();
  private ExerciseStore store;
  private Journal journal;
  private ExerciseTeams exerciseTeams;
  private ExerciseProvisioning exerciseProvisioning;
  private ExerciseLifecycle exerciseLifecycle;
  private OnlineActivity activity;
  private InMemoryRangeProvider provider;
  private final ExecutorService provisioning = Executors.newFixedThreadPool(8);

  @BeforeEach
  void setUp() {
    JdbcDataSource data = new JdbcDataSource();
    data.setURL("jdbc:h2:mem:online" + System.nanoTime() + ";DB_CLOSE_DELAY=-1");
    Flyway.configure().dataSource(data).locations("classpath:db/migration").load().migrate();
    JdbcClient jdbc = JdbcClient.create(data);
    store = new ExerciseStore(jdbc);
    journal = new Journal(jdbc);
    provider = new InMemoryRangeProvider();
    Plans plans = new Plans(DrawKey.of(new byte[32]));
    Providers exerciseProviders = new Providers(List.of(provider));
    ExerciseRecorder recorder = new ExerciseRecorder(store, journal, clock);
    exerciseTeams = new ExerciseTeams(store, plans, exerciseProviders, recorder, clock);
    exerciseProvisioning =
        new ExerciseProvisioning(store, plans, exerciseProviders, recorder, clock, provisioning);
    exerciseLifecycle = new ExerciseLifecycle(store, plans, exerciseProviders, recorder, clock);
    activity = new OnlineActivity(clock);
  }

  @AfterEach
  void tearDown() {
    provisioning.shutdownNow();
  }

  private OnlineRuns runs(int perUser, int overall) {
    return runs(perUser, 5, overall, 10);
  }

  private OnlineRuns runs(int perUser, int perUserPerDay, int overall, int perScenario) {
    OnlineProperties settings =
        new OnlineProperties(
            Duration.ofMinutes(30),
            Duration.ofSeconds(30),
            perUser,
            perUserPerDay,
            overall,
            perScenario,
            "memory",
            List.of(SCENARIO));
    return new OnlineRuns(
        exerciseTeams,
        exerciseProvisioning,
        exerciseLifecycle,
        store,
        new ScenarioCatalogue(new Plans(DrawKey.of(new byte[32])), settings),
        activity,
        settings,
        clock);
  }

  private Exercise awaitRunning(String id) throws InterruptedException {
    for (int i = 0; i < 200; i++) {
      Exercise e = store.require(id);
      if (e.state() == State.RUNNING || e.state() == State.FAILED) {
        return e;
      }
      Thread.sleep(25);
    }
    return store.require(id);
  }

  @Test
  void createsAnOnlineExerciseWithOneTeamOfTheCallerAndStartsIt() throws Exception {
    OnlineRuns runs = runs(1, 10);
    OnlineRuns.Created created = runs.create("sato", "e2e-mini");
    Exercise run = awaitRunning(created.exercise());
    assertThat(run.state()).as(run.reason()).isEqualTo(State.RUNNING);
    assertThat(run.mode()).isEqualTo(Exercise.Mode.ONLINE);
    assertThat(run.teams())
        .singleElement()
        .satisfies(t -> assertThat(t.members()).containsExactly("sato"));
    assertThat(runs.of("sato"))
        .singleElement()
        .satisfies(
            r -> {
              assertThat(r.scenario()).isEqualTo("e2e-mini");
              assertThat(r.idleDeadline()).isEqualTo(clock.instant().plus(Duration.ofMinutes(30)));
            });
    assertThat(runs.of("tanaka")).isEmpty();
  }

  @Test
  void anIdleRunIsTornDownAndJournalledButAUsedOneIsKept() throws Exception {
    OnlineRuns runs = runs(1, 10);
    String idle = runs.create("sato", "e2e-mini").exercise();
    String used = runs.create("tanaka", "e2e-mini").exercise();
    awaitRunning(idle);
    awaitRunning(used);
    clock.advance(Duration.ofMinutes(20));
    activity.touch(used, "tanaka");
    activity.touch(idle, "someone-else"); // not its member: does not count
    assertThat(runs.sweep()).isEmpty();
    clock.advance(Duration.ofMinutes(10));
    assertThat(runs.sweep()).containsExactly(idle);

    assertThat(store.require(idle).state()).isEqualTo(State.TORN_DOWN);
    assertThat(store.require(used).state()).isEqualTo(State.RUNNING);
    assertThat(provider.list()).allMatch(r -> !r.rangeId().startsWith(idle));
    assertThat(journal.read(idle, null, 0))
        .filteredOn(e -> e.type().equals("exercise.state"))
        .extracting(JournalEvent::data)
        .anySatisfy(
            d -> assertThat(d).containsEntry("to", "finished").containsEntry("reason", "idle"))
        .anySatisfy(
            d -> assertThat(d).containsEntry("to", "torn-down").containsEntry("reason", "idle"));
    assertThat(runs.of("sato")).isEmpty();
  }

  @Test
  void consoleInputCountsAsUseButNeverMovesTheLastUseBack() throws Exception {
    OnlineRuns runs = runs(1, 10);
    String id = runs.create("sato", "e2e-mini").exercise();
    awaitRunning(id);
    java.time.Instant typed = clock.instant().plus(Duration.ofMinutes(25));
    clock.advance(Duration.ofMinutes(26));
    activity.touch(id, "sato", typed);
    activity.touch(id, "sato", typed.minus(Duration.ofMinutes(20))); // an older sweep's report
    assertThat(activity.lastUsed(id)).contains(typed);
    clock.advance(Duration.ofMinutes(10));
    assertThat(runs.sweep()).as("typed 11 minutes ago: still in use").isEmpty();
    clock.advance(Duration.ofMinutes(20));
    assertThat(runs.sweep()).containsExactly(id);
  }

  @Test
  void aRunFoundAfterARestartGetsAFullIdleTimeout() throws Exception {
    String id = runs(1, 10).create("sato", "e2e-mini").exercise();
    awaitRunning(id);
    clock.advance(Duration.ofHours(2));
    activity.forget(id); // as after a restart: nothing in memory
    OnlineRuns afterRestart = runs(1, 10);
    assertThat(afterRestart.sweep()).isEmpty();
    clock.advance(Duration.ofMinutes(30));
    assertThat(afterRestart.sweep()).containsExactly(id);
  }

  @Test
  void refusesMoreRunsThanAUserOrTheServerMayHave() throws Exception {
    OnlineRuns runs = runs(1, 2);
    runs.create("sato", "e2e-mini");
    assertThatThrownBy(() -> runs.create("sato", "e2e-mini"))
        .isInstanceOfSatisfying(
            EnshuException.class,
            e -> assertThat(e.status()).isEqualTo(EnshuException.Status.CONFLICT))
        .hasMessageContaining("sato has 1 online run")
        .hasMessageContaining("enshu.online.max-runs-per-user=1");
    runs.create("tanaka", "e2e-mini");
    assertThatThrownBy(() -> runs.create("suzuki", "e2e-mini"))
        .isInstanceOfSatisfying(
            EnshuException.class,
            e -> assertThat(e.status()).isEqualTo(EnshuException.Status.TOO_MANY_REQUESTS))
        .hasMessageContaining("enshu.online.max-runs=2");
  }

  @Test
  void refusesMoreRunsThanAUserMayStartInADayUntilTheOldestIsADayOld() throws Exception {
    OnlineRuns runs = runs(1, 2, 10, 10);
    java.time.Instant first = clock.instant();
    for (int i = 0; i < 2; i++) {
      String id = runs.create("sato", "e2e-mini").exercise();
      awaitRunning(id);
      runs.end(id, "sato", "ended by sato");
      clock.advance(Duration.ofHours(1));
    }
    assertThatThrownBy(() -> runs.create("sato", "e2e-mini"))
        .isInstanceOfSatisfying(
            EnshuException.class,
            e -> assertThat(e.status()).isEqualTo(EnshuException.Status.TOO_MANY_REQUESTS))
        .hasMessageContaining("sato started 2 online runs in the last 24 hours")
        .hasMessageContaining("enshu.online.max-runs-per-user-per-day=2")
        .hasMessageContaining("the next may start after " + first.plus(Duration.ofHours(24)));
    assertThat(runs.create("tanaka", "e2e-mini").exercise()).as("another user").isNotNull();
    clock.advance(Duration.ofHours(22));
    assertThat(runs.create("sato", "e2e-mini").exercise()).isNotNull();
  }

  @Test
  void refusesMoreRunsOfOneScenarioThanItMayHaveButNotOfAnother() throws Exception {
    OnlineRuns runs = runs(1, 5, 10, 1);
    runs.create("sato", "e2e-mini");
    assertThatThrownBy(() -> runs.create("tanaka", "e2e-mini"))
        .isInstanceOfSatisfying(
            EnshuException.class,
            e -> assertThat(e.status()).isEqualTo(EnshuException.Status.TOO_MANY_REQUESTS))
        .hasMessageContaining("1 online runs of scenario e2e-mini")
        .hasMessageContaining("enshu.online.max-runs-per-scenario=1");
    assertThat(runs.create("tanaka", "phishing-ransomware").exercise()).isNotNull();
  }

  @Test
  void endingARunFreesTheUsersPlace() throws Exception {
    OnlineRuns runs = runs(1, 10);
    String id = runs.create("sato", "e2e-mini").exercise();
    awaitRunning(id);
    runs.end(id, "sato", "ended by sato");
    assertThat(store.require(id).state()).isEqualTo(State.TORN_DOWN);
    assertThat(runs.create("sato", "e2e-mini").exercise()).isNotEqualTo(id);
  }

  @Test
  void refusesAScenarioOutsideTheCatalogue() {
    assertThatThrownBy(() -> runs(1, 10).create("sato", "/etc/passwd"))
        .isInstanceOfSatisfying(
            EnshuException.class,
            e -> assertThat(e.status()).isEqualTo(EnshuException.Status.NOT_FOUND))
        .hasMessageContaining("e2e-mini")
        .hasMessageContaining("phishing-ransomware");
  }
}
