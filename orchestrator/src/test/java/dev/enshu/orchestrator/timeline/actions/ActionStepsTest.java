package dev.enshu.orchestrator.timeline.actions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import dev.enshu.orchestrator.range.AddressPool;
import dev.enshu.orchestrator.range.PlanCompiler;
import dev.enshu.orchestrator.range.RangePlan;
import dev.enshu.orchestrator.range.RangeProvider;
import dev.enshu.orchestrator.range.RangeProvider.ExecResult;
import dev.enshu.scenario.ScenarioLoader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class ActionStepsTest {
  /** What a trainee might plant where a value comes from: quotes, substitutions, separators. */
  private static final String HOSTILE =
      "it's $(touch /tmp/pwned); rm -rf / `id`\nline two \"$HOME\"";

  @Test
  void aHostileValueReachesTheScriptAsOneLiteralValueAndLeavesTheScriptTextAlone() {
    List<List<String>> commands = new ArrayList<>();
    ActionSteps steps = new ActionSteps(runningHere(commands), plan());
    String script = "printf '%s' \"$MESSAGE\"";

    ExecResult result = steps.exec("web", script, ActionSteps.env("MESSAGE", HOSTILE));

    assertThat(result.stdout()).isEqualTo(HOSTILE);
    assertThat(commands)
        .containsExactly(List.of("env", "MESSAGE=" + HOSTILE, "bash", "-c", script));
  }

  @Test
  void everyCommandRunIsKeptWithItsResultInOrder() {
    ActionSteps steps = new ActionSteps(runningHere(new ArrayList<>()), plan());

    steps.exec("web", "echo one", ActionSteps.env());
    steps.exec("web", "echo two; exit 4", ActionSteps.env());

    assertThat(steps.results()).extracting(ExecResult::stdout).containsExactly("one\n", "two\n");
    assertThat(steps.results()).extracting(ExecResult::exitCode).containsExactly(0, 4);
  }

  private static RangePlan plan() {
    ScenarioLoader.Loaded loaded =
        ScenarioLoader.load(Path.of("src/test/resources/scenarios/e2e-mini.yaml"));
    return new PlanCompiler(loaded.scenario(), loaded.template())
        .compile("ex1", 1, 3, AddressPool.DEFAULT.block(0, 16));
  }

  /** A range whose commands run on this machine, as an engine runs them: argument by argument. */
  private static RangeProvider runningHere(List<List<String>> commands) {
    RangeProvider provider = mock(RangeProvider.class);
    when(provider.exec(any(), any(), any()))
        .thenAnswer(
            call -> {
              List<String> command = call.getArgument(1);
              commands.add(command);
              return run(command);
            });
    return provider;
  }

  private static ExecResult run(List<String> command) throws IOException, InterruptedException {
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    boolean ended = process.waitFor(30, TimeUnit.SECONDS);
    return new ExecResult(ended ? process.exitValue() : -1, out, "", !ended, Duration.ZERO);
  }
}
