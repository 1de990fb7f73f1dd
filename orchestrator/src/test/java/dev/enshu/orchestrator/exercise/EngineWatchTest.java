package dev.enshu.orchestrator.exercise;

import static org.assertj.core.api.Assertions.assertThat;

import dev.enshu.orchestrator.journal.Journal;
import dev.enshu.orchestrator.journal.JournalEvent;
import dev.enshu.orchestrator.range.HostGuardSchedule;
import dev.enshu.orchestrator.range.Providers;
import dev.enshu.orchestrator.range.RangeProvider.ProviderResource;
import dev.enshu.orchestrator.range.memory.InMemoryRangeProvider;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * When a provider's engine comes back, the watch checks its ranges once: live teams' stopped hosts
 * are started again and journalled, what no live team owns is removed, teams being provisioned are
 * left alone.
 */
class EngineWatchTest {
  private ExerciseStore store;
  private Journal journal;
  private ExerciseTeams exerciseTeams;
  private ExerciseProvisioning exerciseProvisioning;
  private InMemoryRangeProvider provider;
  private EngineWatch watch;
  private final ExecutorService provisioning = Executors.newFixedThreadPool(8);

  @BeforeEach
  void setUp() {
    JdbcDataSource data = new JdbcDataSource();
    data.setURL("jdbc:h2:mem:watch" + System.nanoTime() + ";DB_CLOSE_DELAY=-1");
    Flyway.configure().dataSource(data).locations("classpath:db/migration").load().migrate();
    JdbcClient jdbc = JdbcClient.create(data);
    store = new ExerciseStore(jdbc);
    journal = new Journal(jdbc);
    provider = new InMemoryRangeProvider();
    Providers providers = new Providers(List.of(provider));
    Clock clock = Clock.systemUTC();
    Plans plans = new Plans(DrawKey.of(new byte[32]));
    ExerciseRecorder recorder = new ExerciseRecorder(store, journal, clock);
    exerciseTeams = new ExerciseTeams(store, plans, providers, recorder, clock);
    exerciseProvisioning =
        new ExerciseProvisioning(store, plans, providers, recorder, clock, provisioning);
    Reconciliation reconciliation =
        new Reconciliation(
            store, providers, journal, clock, new HostGuardSchedule(providers, false));
    watch = new EngineWatch(providers, reconciliation);
  }

  @AfterEach
  void tearDown() {
    provisioning.shutdownNow();
  }

  @Test
  void anEngineThatCameBackHasItsLiveRangesRestartedAndItsLeftoversRemoved() throws Exception {
    create("w1", "a", "b");
    assertThat(exerciseProvisioning.provision("w1", "test").get().state()).isEqualTo(State.READY);
    // team 2's provisioning failed, but the engine went away before its range could be removed
    store.setTeamState("w1", 2, State.FAILED, "the engine stopped answering");
    watch.look();
    assertThat(events("range.engine-returned")).as("no return seen yet").isEmpty();

    provider.restartEngine();
    watch.look();
    List<JournalEvent> returned = events("range.engine-returned");
    assertThat(returned).singleElement().satisfies(e -> assertThat(e.team()).isEqualTo(1));
    assertThat((List<?>) returned.get(0).data().get("restarted")).isNotEmpty();
    assertThat(ranges()).containsExactly("w1-t1");

    watch.look();
    assertThat(events("range.engine-returned")).as("one return, checked once").hasSize(1);
  }

  @Test
  void aTeamBeingProvisionedIsLeftToItsProvisioning() throws Exception {
    create("w2", "a");
    exerciseProvisioning.provision("w2", "test").get();
    store.setTeamState("w2", 1, State.PROVISIONING, null);
    watch.look();
    provider.restartEngine();
    watch.look();
    assertThat(ranges()).containsExactly("w2-t1");
    assertThat(events("range.engine-returned")).isEmpty();
  }

  private void create(String id, String... teams) {
    exerciseTeams.create(
        new ExerciseRequest(
            id,
            "src/test/resources/scenarios/e2e-mini.yaml",
            1L,
            Exercise.Mode.CENTRAL,
            "memory",
            1.0,
            List.of(),
            java.util.Arrays.stream(teams)
                .map(name -> new ExerciseRequest.TeamRequest(name, null, List.of()))
                .toList()),
        "test");
  }

  private List<JournalEvent> events(String type) {
    return journal.read(store.all().get(0).id(), null, 0).stream()
        .filter(e -> e.type().equals(type))
        .toList();
  }

  private List<String> ranges() {
    return provider.list().stream().map(ProviderResource::rangeId).distinct().sorted().toList();
  }
}
