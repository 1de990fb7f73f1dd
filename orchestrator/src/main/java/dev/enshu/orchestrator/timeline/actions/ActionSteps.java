package dev.enshu.orchestrator.timeline.actions;

import dev.enshu.orchestrator.range.RangePlan;
import dev.enshu.orchestrator.range.RangeProvider;
import dev.enshu.orchestrator.range.RangeProvider.ExecResult;
import dev.enshu.orchestrator.range.RangeProvider.HostRef;
import dev.enshu.orchestrator.range.Substitution;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One action's run in one team's range: the team's plan and variables, and every command run so far
 * with its result, in order. Scripts get their values only as environment variables of the command
 * ({@code env NAME=value... bash -c SCRIPT}), never spliced into the script's text. One per run;
 * not thread-safe.
 */
public final class ActionSteps {
  private static final Duration TIMEOUT = Duration.ofSeconds(90);
  private final RangeProvider provider;
  private final RangePlan plan;
  private final List<ExecResult> results = new ArrayList<>();

  public ActionSteps(RangeProvider provider, RangePlan plan) {
    this.provider = provider;
    this.plan = plan;
  }

  /** The results of the commands run so far, in the order they ran. */
  public List<ExecResult> results() {
    return List.copyOf(results);
  }

  RangePlan plan() {
    return plan;
  }

  /** Runs {@code script} on {@code host} with {@code env} and blocks until it ends. */
  ExecResult exec(String host, String script, Map<String, String> env) {
    List<String> command = new ArrayList<>();
    command.add("env");
    env.forEach((k, value) -> command.add(k + "=" + value));
    command.add("bash");
    command.add("-c");
    command.add(script);
    ExecResult result = provider.exec(new HostRef(plan.rangeId(), host), command, TIMEOUT);
    results.add(result);
    return result;
  }

  /** Scenario text with the team's variables put in. */
  String text(String text) {
    return Substitution.apply(text, plan.variables());
  }

  /** A drawn variable, or empty when the scenario has none of that name. */
  String variable(String name) {
    return plan.variables().getOrDefault(name, "");
  }

  String address(String host) {
    return plan.requireHost(host).address();
  }

  /** The user the host's staff log on as, who runs what the attacker starts there. */
  String owner(String host) {
    return plan.requireHost(host).settings().getOrDefault("user", "root");
  }

  String password(String account) {
    return plan.accounts().stream()
        .filter(a -> a.name().equals(account))
        .map(RangePlan.Account::password)
        .findFirst()
        .orElse("");
  }

  /** The proxy's URL for a scenario's proxy host reference; empty when there is none. */
  String proxyUrl(String proxy) {
    if (proxy == null) {
      return "";
    }
    return plan.host(text(proxy)).map(p -> "http://" + p.address() + ":3128").orElse("");
  }

  /** The last line a command printed, or empty. */
  static String lastLine(ExecResult result) {
    List<String> lines = result.stdout().strip().lines().toList();
    return lines.isEmpty() ? "" : lines.get(lines.size() - 1);
  }

  /** Environment variables from name and value pairs, in their order. */
  static Map<String, String> env(String... pairs) {
    Map<String, String> env = new LinkedHashMap<>();
    for (int i = 0; i < pairs.length; i += 2) {
      env.put(pairs[i], pairs[i + 1]);
    }
    return env;
  }
}
