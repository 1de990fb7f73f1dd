package dev.enshu.orchestrator.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import dev.enshu.orchestrator.journal.Journal;
import dev.enshu.orchestrator.journal.JournalEvent;
import dev.enshu.orchestrator.range.AddressPool;
import dev.enshu.orchestrator.range.PlanCompiler;
import dev.enshu.orchestrator.range.RangePlan;
import dev.enshu.orchestrator.range.RangeProvider;
import dev.enshu.orchestrator.range.RangeProvider.ExecResult;
import dev.enshu.orchestrator.range.RangeProvider.HostRef;
import dev.enshu.orchestrator.scoring.ScoreCalculator;
import dev.enshu.orchestrator.scoring.ScoringService;
import dev.enshu.scenario.ScenarioLoader;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class DemoDefenderTest {
  /** What a trainee might plant where a value comes from: quotes, substitutions, separators. */
  private static final String HOSTILE =
      "it's $(touch /tmp/pwned); rm -rf / `id`\nline two \"$HOME\"";

  private static final Instant T0 = Instant.parse("2026-11-30T01:00:00Z");

  @Test
  void aHostileValueReachesTheScriptAsOneLiteralArgument() throws Exception {
    DemoScripts probe = DemoScripts.load("/demo-probe/", List.of("arguments"));

    assertThat(runHere(probe.command("arguments", HOSTILE, "second")))
        .isEqualTo("2\n[" + HOSTILE + "][second]");
  }

  @Test
  void everyScriptOfTheDefenderLoads() {
    DemoScripts scripts = DemoScripts.load();

    assertThat(scripts.command(DemoScripts.BLOCK_DOMAIN, "x.example"))
        .hasSize(5)
        .startsWith("bash", "-c")
        .endsWith("block-domain.sh", "x.example");
  }

  @Test
  void missingScriptsAreAllNamedInOneError() {
    assertThatThrownBy(() -> DemoScripts.load("/demo/", List.of("beacons", "gone", "lost")))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("/demo/gone.sh, /demo/lost.sh");
  }

  @Test
  void aDomainFromTheProxyLogIsBlockedAsAnArgumentNeverAsScriptText() {
    RangePlan plan = plan();
    String source = plan.requireHost("pc").address();
    String domain = "c2';$(reboot);'.example";
    List<List<String>> proxyCommands = new ArrayList<>();
    RangeProvider provider = mock(RangeProvider.class);
    when(provider.exec(any(), any(), any()))
        .thenAnswer(
            call -> {
              HostRef host = call.getArgument(0);
              List<String> command = call.getArgument(1);
              String out = "";
              if (host.hostId().equals("proxy")) {
                proxyCommands.add(command);
                if (command.get(3).equals("beacons.sh")) {
                  out =
                      "1764464400.000 12 "
                          + source
                          + " TCP_MISS/200 120 GET http://"
                          + domain
                          + "/beacon?id=pc - HIER_DIRECT/10.0.0.1 text/plain\n";
                }
              }
              return new ExecResult(0, out, "", false, Duration.ZERO);
            });
    ScoringService scoring = mock(ScoringService.class);
    when(scoring.submit(any(), any(Integer.class), any(), any()))
        .thenReturn(new ScoreCalculator.Verdict("accepted", 10, ""));
    Journal journal = Journal.inMemory("demo" + System.nanoTime());
    journal.append(
        JournalEvent.of("ex1", 1, T0, "message.sent", "timeline", Map.of("item", "soc-alert")));
    DemoDefender defender =
        new DemoDefender(
            provider,
            scoring,
            journal,
            plan,
            new PrintWriter(new StringWriter()),
            Clock.fixed(T0, ZoneOffset.UTC),
            DemoScripts.load());

    defender.step();

    List<String> block = proxyCommands.get(1);
    assertThat(block)
        .containsExactly(
            "bash",
            "-c",
            DemoScripts.load().command(DemoScripts.BLOCK_DOMAIN).get(2),
            "block-domain.sh",
            domain);
    assertThat(block.get(2)).doesNotContain(domain);
  }

  private static RangePlan plan() {
    ScenarioLoader.Loaded loaded =
        ScenarioLoader.load(Path.of("src/test/resources/scenarios/e2e-mini.yaml"));
    return new PlanCompiler(loaded.scenario(), loaded.template())
        .compile("ex1", 1, 3, AddressPool.DEFAULT.block(0, 16));
  }

  /** Runs a command on this machine as an engine runs it: argument by argument, no shell around. */
  private static String runHere(List<String> command) throws IOException, InterruptedException {
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
    return out;
  }
}
