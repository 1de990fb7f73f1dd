package dev.enshu.orchestrator.range.docker;

import static org.assertj.core.api.Assertions.assertThat;

import dev.enshu.orchestrator.ServerTest;
import dev.enshu.orchestrator.TestApi;
import dev.enshu.orchestrator.access.Accounts;
import dev.enshu.orchestrator.access.TestAccounts;
import dev.enshu.orchestrator.checks.CheckRunner;
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
import dev.enshu.orchestrator.timeline.ActionRunner;
import dev.enshu.orchestrator.timeline.ActiveTeam;
import dev.enshu.orchestrator.timeline.TimelineEngine;
import dev.enshu.orchestrator.timeline.TimelineService;
import dev.enshu.scenario.ScenarioLoader;
import dev.enshu.template.Cidr;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * One team abuses its range (a fork bomb on a terminal, a disk fill on a web server) while another
 * team's range keeps working: its scenario's service check passes, run by the product's check
 * runner, and the server's API answers; afterwards nothing of the abusing range is left on the
 * engine.
 */
@ServerTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ResourceAbuseIT {
  @LocalServerPort int port;
  @Autowired Accounts accounts;

  private DockerEngine engine;
  private DockerRangeProvider provider;
  private ScenarioLoader.Loaded mini;
  private RangePlan abuser;
  private RangePlan bystander;
  private final ExecutorService workers = Executors.newFixedThreadPool(4);

  @BeforeAll
  void provisionTwoTeams() {
    engine = DockerEngine.connectDefault();
    provider = new DockerRangeProvider(engine, Clock.systemUTC());
    provider.images().buildAll();
    mini = ScenarioLoader.load(Path.of("src/test/resources/scenarios/mini-c2.yaml"));
    PlanCompiler compiler = new PlanCompiler(mini.scenario(), mini.template());
    String exercise = "ab" + Long.toHexString(System.nanoTime() & 0xFFFFF);
    AddressPool pool = new AddressPool(Cidr.parse("10.176.0.0/12"));
    int slot = (int) (System.nanoTime() % 8) * 2;
    abuser = compiler.compile(exercise, 1, 3, pool.block(slot, 16));
    bystander = compiler.compile(exercise, 2, 3, pool.block(slot + 1, 16));
    provider.provision(abuser);
    provider.provision(bystander);
  }

  @AfterAll
  void destroy() {
    workers.shutdownNow();
    try {
      if (abuser != null) {
        provider.destroy(abuser.rangeId());
      }
      if (bystander != null) {
        provider.destroy(bystander.rangeId());
      }
    } finally {
      engine.close();
    }
  }

  @Test
  void aForkBombAndADiskFillInOneRangeLeaveTheOtherWorkingAndNothingBehind() throws Exception {
    String pcId = containerId(abuser, "pc");
    Path pids = Path.of("/sys/fs/cgroup/pids/docker", pcId, "pids.current");
    // the fork bomb: bounded by the host's PID limit
    sh(abuser, "pc", "setsid bash -c 'b() { b | b & }; b' </dev/null >/dev/null 2>&1 &");
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
    long current = 0;
    while (System.nanoTime() < deadline) {
      current = Long.parseLong(Files.readString(pids).strip());
      if (current >= DockerHardening.PIDS_PER_HOST - 8) {
        break;
      }
      Thread.sleep(100);
    }
    assertThat(current)
        .as("processes of the terminal under a fork bomb")
        .isBetween(DockerHardening.PIDS_PER_HOST - 8, DockerHardening.PIDS_PER_HOST);

    // a disk fill on the abusing range's web server, refused at the host's limit, while the other
    // team's service check runs and the API answers
    CompletableFuture<ExecResult> filling =
        CompletableFuture.supplyAsync(
            () ->
                provider.exec(
                    new HostRef(abuser.rangeId(), "web"),
                    List.of(
                        "sh",
                        "-c",
                        "touch /filling; fallocate -l 4G /fill; echo fallocate=$?;"
                            + " dd if=/dev/zero of=/fill2 bs=1M count=2048 2>&1 | tail -n 1;"
                            + " du -sm /fill2 | cut -f1"),
                    Duration.ofMinutes(2)),
            workers);
    awaitInAbuser("web", "test -f /filling");
    TestApi api = TestApi.at(port).as(new TestAccounts(accounts).instructor("abuse-watcher"));
    api.get("/api/exercises").expect(200);
    Map<String, Object> webUp = bystanderCheck("web-up");
    assertThat(webUp)
        .as("the other team's web-up check during the abuse: %s", webUp)
        .containsEntry("status", "passed");
    api.get("/api/exercises").expect(200);

    ExecResult fill = filling.get(3, TimeUnit.MINUTES);
    assertThat(fill.stdout()).contains("fallocate=1");
    long written = Long.parseLong(fill.stdout().strip().lines().reduce((a, b) -> b).orElse("0"));
    assertThat(written)
        .as("MiB a host could write (%s)", fill.stdout())
        .isLessThanOrEqualTo(DockerHardening.WRITABLE_MB);
    assertThat(Long.parseLong(Files.readString(pids).strip()))
        .as("the fork bomb still at its limit once the disk is full")
        .isGreaterThanOrEqualTo(DockerHardening.PIDS_PER_HOST - 8);

    // meanwhile the other team's range works: its proxy fetches its web site, its hosts write
    ExecResult browse =
        sh(
            bystander,
            "proxy",
            "curl -s -o /dev/null -w '%{http_code}' --max-time 10 http://"
                + bystander.requireHost("web").address()
                + "/");
    assertThat(browse.stdout()).as(browse.stderr()).isEqualTo("200");
    ExecResult write =
        sh(bystander, "web", "dd if=/dev/zero of=/tmp/ok bs=1M count=16 2>/dev/null && echo ok");
    assertThat(write.stdout().strip()).isEqualTo("ok");
    assertThat(bystanderCheck("web-up")).containsEntry("status", "passed");

    // the abusing range goes away whole
    provider.destroy(abuser.rangeId());
    assertThat(provider.list().stream().filter(r -> abuser.rangeId().equals(r.rangeId())))
        .isEmpty();
    assertThat(Files.exists(pids.getParent())).as("the terminal's PID cgroup").isFalse();
    abuser = null;
  }

  /** Runs one of the scenario's checks on the other team with the product's check runner. */
  private Map<String, Object> bystanderCheck(String id) {
    Journal journal = Journal.inMemory("abuse" + System.nanoTime());
    Providers providers = new Providers(List.of(provider));
    CheckRunner runner =
        new CheckRunner(
            new TimelineService(null, null, providers, journal, Clock.systemUTC(), workers),
            providers,
            journal,
            Clock.systemUTC(),
            workers);
    Team team =
        new Team(
            2,
            "bystanders",
            null,
            List.of(),
            State.RUNNING,
            null,
            bystander.addressBlock(),
            Instant.now(),
            null,
            0);
    runner.run(
        new ActiveTeam("ex", team, 1.0, mini.scenario(), bystander, new ActionRunner(provider)),
        mini.scenario().check(id).orElseThrow());
    List<JournalEvent> results = journal.read("ex", 2, TimelineEngine.CHECK_RESULT);
    return results.get(results.size() - 1).data();
  }

  private void awaitInAbuser(String host, String probe) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(1);
    while (!sh(abuser, host, probe).succeeded()) {
      assertThat(System.nanoTime()).as("%s on %s", probe, host).isLessThan(deadline);
      TimeUnit.MILLISECONDS.sleep(100); // between polls of the host
    }
  }

  private String containerId(RangePlan plan, String host) {
    return engine
        .client()
        .inspectContainerCmd(DockerNames.container(plan.rangeId(), host))
        .exec()
        .getId();
  }

  private ExecResult sh(RangePlan plan, String host, String script) {
    return provider.exec(
        new HostRef(plan.rangeId(), host), List.of("sh", "-c", script), Duration.ofSeconds(30));
  }
}
