package dev.enshu.orchestrator.timeline;

import dev.enshu.orchestrator.range.RangePlan;
import dev.enshu.orchestrator.range.RangeProvider;
import dev.enshu.orchestrator.range.RangeProvider.ExecResult;
import dev.enshu.orchestrator.timeline.actions.ActionHandlers;
import dev.enshu.orchestrator.timeline.actions.ActionSteps;
import dev.enshu.scenario.Action;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs an inject's action inside a team's range through the provider, with the action library's
 * handler for the action's kind. Returns what happened, for the journal: the handler's details
 * (such as the ransomware key that an instructor needs to undo it), then the commands' output, and
 * their exit codes when one failed.
 */
public final class ActionRunner {
  private final RangeProvider provider;
  private final ActionHandlers handlers;

  public ActionRunner(RangeProvider provider) {
    this.provider = provider;
    this.handlers = ActionHandlers.standard();
  }

  /** The id of the provider this runner works through. */
  public String providerId() {
    return provider.id();
  }

  /**
   * Whether the provider's engine answers now (an action that failed while it did not is run
   * again).
   */
  public boolean engineAnswers() {
    try {
      return provider.probe().available();
    } catch (RuntimeException e) {
      return false;
    }
  }

  /** What an action did; {@code ok} is false when a step failed, with its output. */
  public record Outcome(boolean ok, Map<String, Object> details) {}

  public Outcome run(RangePlan plan, Action action) {
    ActionSteps steps = new ActionSteps(provider, plan);
    Map<String, Object> details = new LinkedHashMap<>(handlers.run(action, steps));
    List<ExecResult> results = steps.results();
    boolean ok = results.stream().allMatch(ExecResult::succeeded);
    details.put(
        "output",
        results.stream()
            .map(r -> (r.stdout() + r.stderr()).strip())
            .filter(t -> !t.isEmpty())
            .toList());
    if (!ok) {
      details.put("exitCodes", results.stream().map(ExecResult::exitCode).toList());
    }
    return new Outcome(ok, details);
  }

  /** Undoes a ransomware inject on one host with the key the journal recorded. */
  public ExecResult restore(
      RangePlan plan, String host, String key, String path, String extension) {
    return handlers.restore(new ActionSteps(provider, plan), host, key, path, extension);
  }
}
