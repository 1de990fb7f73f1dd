package dev.enshu.orchestrator.checks;

import static org.assertj.core.api.Assertions.assertThat;

import dev.enshu.orchestrator.exercise.State;
import dev.enshu.orchestrator.exercise.Team;
import dev.enshu.orchestrator.journal.Journal;
import dev.enshu.orchestrator.journal.JournalEvent;
import dev.enshu.orchestrator.range.AddressPool;
import dev.enshu.orchestrator.range.PlanCompiler;
import dev.enshu.orchestrator.range.Providers;
import dev.enshu.orchestrator.range.RangePlan;
import dev.enshu.orchestrator.range.RangeProvider.HostRef;
import dev.enshu.orchestrator.range.RangeProvider.ProcessInfo;
import dev.enshu.orchestrator.range.memory.InMemoryRangeProvider;
import dev.enshu.orchestrator.timeline.ActionRunner;
import dev.enshu.orchestrator.timeline.ActiveTeam;
import dev.enshu.orchestrator.timeline.TimelineEngine;
import dev.enshu.orchestrator.timeline.TimelineService;
import dev.enshu.scenario.Check;
import dev.enshu.scenario.ScenarioLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Checks of e2e-mini on the in-memory provider: observations run nothing inside a host. */
class CheckRunnerTest {
  private static final Instant T0 = Instant.parse("2026-11-30T01:00:00Z");

  private Journal journal;
  private InMemoryRangeProvider provider;
  private ScenarioLoader.Loaded loaded;
  private RangePlan plan;
  private CheckRunner runner;
  private final ExecutorService workers = Executors.newFixedThreadPool(8);

  @BeforeEach
  void setUp() {
    journal = Journal.inMemory("checks" + System.nanoTime());
    provider = new InMemoryRangeProvider();
    loaded = ScenarioLoader.load(Path.of("src/test/resources/scenarios/e2e-mini.yaml"));
    plan =
        new PlanCompiler(loaded.scenario(), loaded.template())
            .compile("ex1", 1, 3, AddressPool.DEFAULT.block(0, 16));
    provider.provision(plan);
    Providers providers = new Providers(List.of(provider));
    Clock clock = Clock.fixed(T0.plusSeconds(60), ZoneOffset.UTC);
    runner =
        new CheckRunner(
            new TimelineService(null, null, providers, journal, clock, workers),
            providers,
            journal,
            clock,
            workers);
  }

  @AfterEach
  void tearDown() {
    workers.shutdownNow();
  }

  private ActiveTeam team() {
    Team team =
        new Team(1, "solo", null, List.of(), State.RUNNING, null, plan.addressBlock(), T0, null, 0);
    return new ActiveTeam("ex1", team, 1.0, loaded.scenario(), plan, new ActionRunner(provider));
  }

  private Check check(String id) {
    return loaded.scenario().check(id).orElseThrow();
  }

  private HostRef host(String id) {
    return new HostRef(plan.rangeId(), id);
  }

  private Map<String, Object> lastResult() {
    List<JournalEvent> results = journal.read("ex1", 1, TimelineEngine.CHECK_RESULT);
    return results.get(results.size() - 1).data();
  }

  @Test
  void implantStoppedFailsWhileTheEngineSeesTheImplantAndRunsNothingInTheHost() {
    String implant = plan.variables().get("implantName");
    provider.setProcesses(
        host("pc"),
        List.of(
            new ProcessInfo(1, "0", "bash", "/bin/bash /usr/local/lib/enshu/init"),
            new ProcessInfo(
                311, "1000", implant, "/bin/bash /home/tanaka/.cache/" + implant + " --quiet")));

    runner.run(team(), check("implant-stopped"));
    assertThat(lastResult())
        .containsEntry("probe", "observe")
        .containsEntry("status", "failed")
        .containsEntry("passed", false);
    assertThat(lastResult().get("output").toString()).doesNotContain(implant);

    provider.setProcesses(
        host("pc"),
        List.of(new ProcessInfo(1, "0", "bash", "/bin/bash /usr/local/lib/enshu/init")));
    runner.run(team(), check("implant-stopped"));
    assertThat(lastResult()).containsEntry("status", "passed").containsEntry("passed", true);
    assertThat(provider.commandsRun()).isZero();
  }

  @Test
  void c2BlockedPassesWhenTheProxysDenyListCoversTheDrawnDomain() {
    runner.run(team(), check("c2-blocked"));
    assertThat(lastResult()).containsEntry("status", "failed");

    provider.putFile(
        host("proxy"),
        "/etc/squid/enshu-deny.txt",
        ("# blocked by the team\n." + plan.variables().get("c2Domain") + "\n")
            .getBytes(StandardCharsets.UTF_8));
    runner.run(team(), check("c2-blocked"));
    assertThat(lastResult()).containsEntry("status", "passed").containsEntry("host", "proxy");
    assertThat(provider.commandsRun()).isZero();
  }

  @Test
  void anObservationOfAMissingHostIsAnErrorNeverAPass() {
    provider.destroy(plan.rangeId());
    runner.run(team(), check("implant-stopped"));
    assertThat(lastResult())
        .containsEntry("status", "error")
        .containsEntry("passed", false)
        .containsKey("error");
  }

  @Test
  void documentsIntactFailsOnceTheEngineListsALockedFile() {
    runner.run(team(), check("documents-intact"));
    assertThat(lastResult()).as("no such directory").containsEntry("status", "failed");
    provider.putFile(host("pc"), "/home/tanaka/Documents/report.docx", new byte[] {1});
    runner.run(team(), check("documents-intact"));
    assertThat(lastResult()).containsEntry("status", "passed");
    provider.putFile(
        host("pc"), "/home/tanaka/Documents/2026/plan.xlsx.locked-" + "ab12", new byte[] {1});
    runner.run(team(), check("documents-intact"));
    assertThat(lastResult()).containsEntry("status", "failed");
    assertThat(provider.commandsRun()).isZero();
  }

  @Test
  void aCheckThatSaysRunStillRunsItsCommandInTheHost() {
    runner.run(team(), check("web-up"));
    assertThat(lastResult()).containsEntry("probe", "run").containsEntry("status", "passed");
    assertThat(provider.commandsRun()).isEqualTo(1);
  }
}
