package dev.enshu.orchestrator.exercise;

import dev.enshu.orchestrator.range.Providers;
import dev.enshu.orchestrator.range.RangeProvider;
import dev.enshu.orchestrator.range.RangeProvider.ProviderResource;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/** Builds a team's {@link Topology} from its plan and what its provider lists now. */
@Component
public class Topologies {
  private static final Logger LOG = LoggerFactory.getLogger(Topologies.class);
  private final ExerciseStore store;
  private final Plans plans;
  private final Providers providers;

  public Topologies(ExerciseStore store, Plans plans, Providers providers) {
    this.store = store;
    this.plans = plans;
    this.providers = providers;
  }

  /** The team's topology; CONFLICT while the team has no range yet. */
  public Topology of(String exerciseId, int teamNumber) {
    Exercise exercise = store.require(exerciseId);
    Team team = exercise.requireTeam(teamNumber);
    return Topology.of(
        plans.plan(exercise, team), exercise.provider(), listed(exercise.provider(), team));
  }

  /** The team's topology, or an empty one while it has no range. */
  public Topology ofOrEmpty(Exercise exercise, Team team) {
    if (team.addressBlock() == null) {
      return new Topology(List.of(), List.of());
    }
    return Topology.of(
        plans.plan(exercise, team), exercise.provider(), listed(exercise.provider(), team));
  }

  private List<ProviderResource> listed(String providerId, Team team) {
    if (team.state() == State.TORN_DOWN) {
      return List.of();
    }
    try {
      RangeProvider provider = providers.get(providerId);
      return provider.list();
    } catch (RuntimeException e) {
      // host state is then unknown; the topology itself still comes from the plan
      LOG.warn("could not list the resources of provider {}: {}", providerId, e.getMessage());
      return null;
    }
  }
}
