package dev.enshu.orchestrator.timeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.enshu.orchestrator.range.AddressPool;
import dev.enshu.orchestrator.range.PlanCompiler;
import dev.enshu.orchestrator.range.RangePlan;
import dev.enshu.orchestrator.range.RangeProvider;
import dev.enshu.orchestrator.range.RangeProvider.ExecResult;
import dev.enshu.orchestrator.range.RangeProvider.HostRef;
import dev.enshu.scenario.Inject;
import dev.enshu.scenario.ScenarioLoader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Every inject of the bundled scenarios and the end-to-end test scenario, run through the action
 * runner against a range that records what it is asked: the hosts, the commands (each script by its
 * name) and what the journal is given must stay as recorded in {@code actions/commands.golden}.
 */
class ActionCommandsTest {
  private static final Path GOLDEN = Path.of("src/test/resources/actions/commands.golden");
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void everyActionRunsTheRecordedCommandsOnTheRecordedHostsAndReportsTheRecordedDetails()
      throws IOException {
    List<String> lines = new ArrayList<>();
    record("phishing-ransomware", ScenarioLoader.bundled("phishing-ransomware"), lines);
    record("hospital-vpn-ransomware", ScenarioLoader.bundled("hospital-vpn-ransomware"), lines);
    record(
        "e2e-mini",
        ScenarioLoader.load(Path.of("src/test/resources/scenarios/e2e-mini.yaml")),
        lines);
    String actual = String.join("\n", lines) + "\n";
    if (Boolean.getBoolean("enshu.golden.write")) {
      Files.createDirectories(GOLDEN.getParent());
      Files.writeString(GOLDEN, actual, StandardCharsets.UTF_8);
    }
    assertThat(actual).isEqualTo(Files.readString(GOLDEN, StandardCharsets.UTF_8));
  }

  private static void record(String name, ScenarioLoader.Loaded loaded, List<String> lines)
      throws IOException {
    RangePlan plan =
        new PlanCompiler(loaded.scenario(), loaded.template())
            .compile("ex1", 1, 7, AddressPool.DEFAULT.block(0, 16));
    for (boolean failing : new boolean[] {false, true}) {
      for (Inject inject : loaded.scenario().timeline()) {
        List<String> execs = new ArrayList<>();
        RangeProvider provider = recording(execs, failing);
        ActionRunner.Outcome outcome = new ActionRunner(provider).run(plan, inject.action());
        lines.add("== " + name + " " + inject.id() + (failing ? " (failing)" : ""));
        lines.addAll(execs);
        Map<String, Object> details = new LinkedHashMap<>(outcome.details());
        if (details.containsKey("key")) {
          String key = (String) details.get("key");
          lines.replaceAll(l -> l.replace(key, "<key>"));
          details.put("key", "<key>");
        }
        lines.add("ok " + outcome.ok() + " " + JSON.writeValueAsString(details));
      }
    }
    List<String> execs = new ArrayList<>();
    String host = plan.hosts().get(0).id();
    ExecResult restored =
        new ActionRunner(recording(execs, false))
            .restore(plan, host, "k3y", "/srv/share", ".locked");
    lines.add("== " + name + " restore on " + host);
    lines.addAll(execs);
    lines.add("stdout " + JSON.writeValueAsString(restored.stdout()));
  }

  /** A range whose every command prints two lines (the second numbered), or fails. */
  private static RangeProvider recording(List<String> execs, boolean failing) {
    RangeProvider provider = mock(RangeProvider.class);
    when(provider.exec(any(), any(), any()))
        .thenAnswer(
            call -> {
              HostRef host = call.getArgument(0);
              List<String> command = new ArrayList<>(call.<List<String>>getArgument(1));
              Duration timeout = call.getArgument(2);
              int bash = command.indexOf("-c");
              if (bash > 0 && command.get(bash - 1).equals("bash")) {
                command.set(bash + 1, scriptName(command.get(bash + 1)));
              }
              execs.add(
                  host.rangeId()
                      + " "
                      + host.hostId()
                      + " "
                      + timeout
                      + " "
                      + JSON.writeValueAsString(command));
              int n = execs.size();
              return failing
                  ? new ExecResult(3, "partial " + n + "\n", "boom " + n, false, Duration.ZERO)
                  : new ExecResult(0, "first\nresult " + n + "\n", "", false, Duration.ZERO);
            });
    return provider;
  }

  /**
   * A script of the library ({@code actions/lateral-smb.sh}) by its name ({@code LATERAL_SMB}); any
   * other text (a scenario's own command) as it is.
   */
  private static String scriptName(String text) throws IOException {
    try (var scripts = Files.list(Path.of("src/main/resources/actions"))) {
      for (Path script : scripts.toList()) {
        if (text.equals(Files.readString(script, StandardCharsets.UTF_8))) {
          String name = script.getFileName().toString().replaceFirst("\\.sh$", "");
          return "<script " + name.toUpperCase(java.util.Locale.ROOT).replace('-', '_') + ">";
        }
      }
    }
    return text;
  }
}
