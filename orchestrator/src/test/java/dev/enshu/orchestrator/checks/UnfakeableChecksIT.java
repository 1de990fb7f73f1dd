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
import dev.enshu.orchestrator.range.RangeProvider.ExecResult;
import dev.enshu.orchestrator.range.RangeProvider.HostRef;
import dev.enshu.orchestrator.range.docker.DockerEngine;
import dev.enshu.orchestrator.range.docker.DockerRangeProvider;
import dev.enshu.orchestrator.range.docker.LoneHosts;
import dev.enshu.orchestrator.timeline.ActionRunner;
import dev.enshu.orchestrator.timeline.ActiveTeam;
import dev.enshu.orchestrator.timeline.TimelineEngine;
import dev.enshu.orchestrator.timeline.TimelineService;
import dev.enshu.scenario.Inject;
import dev.enshu.scenario.ScenarioLoader;
import dev.enshu.template.Cidr;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * A trainee who is root in the victim terminal tries to make the response checks pass without doing
 * the work, on a real {@code e2e-mini} range of the project's images: the implant keeps running
 * while a fake {@code pgrep} and {@code ps} stand first in the PATH. The engine's view from outside
 * the container is not fooled, and the check never puts the implant's name on a command line in the
 * host.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class UnfakeableChecksIT {
  private DockerEngine engine;
  private DockerRangeProvider provider;
  private ScenarioLoader.Loaded loaded;
  private RangePlan plan;
  private Journal journal;
  private CheckRunner runner;
  private final ExecutorService workers = Executors.newFixedThreadPool(8);

  @BeforeAll
  void provisionARangeAndStartTheImplant() {
    engine = DockerEngine.connectDefault();
    provider = new DockerRangeProvider(engine, Clock.systemUTC());
    loaded = ScenarioLoader.load(Path.of("src/test/resources/scenarios/e2e-mini.yaml"));
    String exercise = "fake" + Long.toHexString(System.nanoTime() & 0xFFFFF);
    plan =
        new PlanCompiler(loaded.scenario(), loaded.template())
            .compile(
                exercise,
                1,
                5,
                new AddressPool(Cidr.parse("10.112.0.0/12"))
                    .block((int) (System.nanoTime() % 16), 16));
    // the two hosts the checks look at, made from the role images, on no network: the range
    // around them is not the point, and provisioning it would need every role's image
    for (String host : List.of("pc", "proxy")) {
      LoneHosts.start(engine, plan, host);
    }
    waitUntilUp("pc", "id tanaka");
    waitUntilUp("proxy", "squid -k check");
    Inject implant =
        (Inject) loaded.scenario().items().filter(i -> i.id().equals("implant")).findFirst().get();
    ActionRunner.Outcome started = new ActionRunner(provider).run(plan, implant.action());
    assertThat(started.ok()).as("the implant inject ran: %s", started.details()).isTrue();
    journal = Journal.inMemory("unfakeable" + System.nanoTime());
    Providers providers = new Providers(List.of(provider));
    runner =
        new CheckRunner(
            new TimelineService(null, null, providers, journal, Clock.systemUTC(), workers),
            providers,
            journal,
            Clock.systemUTC(),
            workers);
  }

  @AfterAll
  void destroy() {
    try {
      workers.shutdownNow();
      if (plan != null) {
        provider.destroy(plan.rangeId());
      }
    } finally {
      engine.close();
    }
  }

  private ActiveTeam team() {
    Team team =
        new Team(
            1,
            "cheaters",
            null,
            List.of(),
            State.RUNNING,
            null,
            plan.addressBlock(),
            Instant.now(),
            null,
            0);
    return new ActiveTeam("ex", team, 1.0, loaded.scenario(), plan, new ActionRunner(provider));
  }

  private void waitUntilUp(String host, String probe) {
    ExecResult last = null;
    for (int i = 0; i < 60; i++) {
      last = sh(host, probe);
      if (last.succeeded()) {
        return;
      }
      sleep(500);
    }
    throw new AssertionError(host + " did not come up: " + last);
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  private ExecResult sh(String host, String script) {
    return provider.exec(
        new HostRef(plan.rangeId(), host), List.of("bash", "-c", script), Duration.ofSeconds(20));
  }

  private Map<String, Object> check(String id) {
    runner.run(team(), loaded.scenario().check(id).orElseThrow());
    List<JournalEvent> results = journal.read("ex", 1, TimelineEngine.CHECK_RESULT);
    return results.get(results.size() - 1).data();
  }

  @Test
  void aFakePgrepAndPsInThePathDoNotStopTheEngineSeeingTheImplant() {
    String implant = plan.variables().get("implantName");
    // the trainee's forgeries: programs that find nothing, first in root's PATH
    ExecResult forged =
        sh(
            "pc",
            "for p in pgrep ps; do printf '#!/bin/sh\\nexit 1\\n' > /usr/local/sbin/$p;"
                + " chmod 755 /usr/local/sbin/$p; done; hash -r;"
                + " command -v pgrep; ! pgrep -x '"
                + implant
                + "' && echo the-old-check-passes");
    assertThat(forged.stdout())
        .as("the forgery fools a check that runs inside: %s", forged.stderr())
        .contains("/usr/local/sbin/pgrep")
        .contains("the-old-check-passes");

    assertThat(provider.processes(new HostRef(plan.rangeId(), "pc")))
        .as("the engine's own process list")
        .anySatisfy(p -> assertThat(ProcessMatch.matches(p, implant)).isTrue());
    Map<String, Object> result = check("implant-stopped");
    assertThat(result)
        .as("implant-stopped with the implant still running: %s", result)
        .containsEntry("probe", "observe")
        .containsEntry("status", "failed")
        .containsEntry("passed", false);
  }

  @Test
  void aFakeFindDoesNotHideALockedDocumentFromTheEngine() {
    sh(
        "pc",
        "mkdir -p /home/tanaka/Documents/2026 && echo plan > /home/tanaka/Documents/2026/plan.txt");
    assertThat(check("documents-intact")).containsEntry("status", "passed");
    ExecResult forged =
        sh(
            "pc",
            "mv /home/tanaka/Documents/2026/plan.txt /home/tanaka/Documents/2026/plan.txt.locked-q1;"
                + " printf '#!/bin/sh\nexit 0\n' > /usr/local/bin/find; chmod 755"
                + " /usr/local/bin/find; hash -r; ! find /home/tanaka/Documents -name '*.locked-*'"
                + " | grep -q . && echo the-old-check-passes");
    assertThat(forged.stdout()).as(forged.stderr()).contains("the-old-check-passes");
    assertThat(check("documents-intact"))
        .as("documents-intact with a locked file")
        .containsEntry("probe", "observe")
        .containsEntry("status", "failed");
  }

  @Test
  void theProxysDenyListIsReadByTheEngineAndFollowsALinkInsideTheHost() {
    String c2 = plan.variables().get("c2Domain");
    assertThat(check("c2-blocked")).containsEntry("status", "failed");

    // the defender's own way: the list in another file, linked from where squid reads it
    sh(
        "proxy",
        "printf '# C2 seen in the proxy log\\n.%s\\n' '"
            + c2
            + "' > /etc/squid/team-deny.txt && ln -sf team-deny.txt /etc/squid/enshu-deny.txt"
            + " && squid -k reconfigure");
    assertThat(
            provider
                .readFile(new HostRef(plan.rangeId(), "proxy"), "/etc/squid/enshu-deny.txt", 4096)
                .map(b -> new String(b, StandardCharsets.UTF_8)))
        .hasValueSatisfying(text -> assertThat(text).contains("." + c2));
    assertThat(check("c2-blocked")).containsEntry("status", "passed");
    assertThat(provider.readFile(new HostRef(plan.rangeId(), "proxy"), "/etc/no-such-file", 10))
        .isEmpty();
  }
}
