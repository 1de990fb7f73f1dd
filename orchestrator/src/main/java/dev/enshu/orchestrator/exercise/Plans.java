package dev.enshu.orchestrator.exercise;

import dev.enshu.orchestrator.EnshuException;
import dev.enshu.orchestrator.range.PlanCompiler;
import dev.enshu.orchestrator.range.RangePlan;
import dev.enshu.scenario.ScenarioLoader;
import dev.enshu.template.Cidr;
import dev.enshu.yaml.InvalidDocumentException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;

/**
 * Scenarios and team plans. Plans are not stored: compiling is deterministic, so a team's plan is
 * compiled again from the scenario, the seed (keyed by the installation's {@link DrawKey}) and the
 * team's address block whenever it is needed.
 */
@Component
public class Plans {
  private final Map<String, ScenarioLoader.Loaded> scenarios = new ConcurrentHashMap<>();
  private final Map<String, RangePlan> plans = new ConcurrentHashMap<>();
  private final DrawKey drawKey;

  public Plans(DrawKey key) {
    this.drawKey = key;
  }

  public ScenarioLoader.Loaded scenario(String idOrFile) {
    return scenarios.computeIfAbsent(
        idOrFile,
        id -> {
          try {
            return ScenarioLoader.byIdOrFile(id);
          } catch (InvalidDocumentException e) {
            throw new EnshuException(
                EnshuException.Status.BAD_REQUEST,
                "scenario '" + id + "' cannot be used:\n" + e.getMessage(),
                e);
          }
        });
  }

  public RangePlan plan(Exercise exercise, Team team) {
    if (team.addressBlock() == null) {
      throw new EnshuException(
          EnshuException.Status.CONFLICT,
          "team "
              + team.number()
              + " of "
              + exercise.id()
              + " has no range yet; provision it first");
    }
    return plans.computeIfAbsent(
        team.rangeId(exercise.id()) + "@" + team.addressBlock(),
        key -> {
          ScenarioLoader.Loaded loaded = scenario(exercise.scenario());
          long draws =
              exercise.keyedDraws()
                  ? drawKey.draws(exercise.id(), exercise.seed())
                  : exercise.seed();
          return new PlanCompiler(loaded.scenario(), loaded.template())
              .compile(exercise.id(), team.number(), draws, Cidr.parse(team.addressBlock()));
        });
  }
}
