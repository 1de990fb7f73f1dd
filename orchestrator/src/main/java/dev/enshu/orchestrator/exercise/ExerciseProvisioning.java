package dev.enshu.orchestrator.exercise;

import dev.enshu.orchestrator.EnshuException;
import dev.enshu.orchestrator.EnshuException.Status;
import dev.enshu.orchestrator.WorkerPools;
import dev.enshu.orchestrator.range.AddressPool;
import dev.enshu.orchestrator.range.PlanCompiler;
import dev.enshu.orchestrator.range.Providers;
import dev.enshu.orchestrator.range.RangeLabels;
import dev.enshu.orchestrator.range.RangePlan;
import dev.enshu.orchestrator.range.RangeProvider;
import dev.enshu.template.Cidr;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Service;

/**
 * Provisioning an exercise: an address block for each team that has none, then every team's range
 * compiled and handed to the provider on the provisioning pool, and the exercise ready or failed
 * once all are done.
 */
@Service
public class ExerciseProvisioning {
  private final ExerciseStore store;
  private final Plans plans;
  private final Providers providers;
  private final ExerciseRecorder recorder;
  private final Clock clock;
  private final Executor provisioning;

  ExerciseProvisioning(
      ExerciseStore store,
      Plans plans,
      Providers providers,
      ExerciseRecorder recorder,
      Clock clock,
      @Qualifier(WorkerPools.PROVISIONING) Executor provisioning) {
    this.store = store;
    this.plans = plans;
    this.providers = providers;
    this.recorder = recorder;
    this.clock = clock;
    this.provisioning = provisioning;
  }

  /**
   * Starts provisioning every team's range; returns at once. The future completes when all are
   * done.
   */
  public synchronized CompletableFuture<Exercise> provision(String id, String actor) {
    Exercise exercise = store.require(id);
    if (exercise.teams().isEmpty()) {
      throw new EnshuException(Status.CONFLICT, "exercise " + id + " has no teams to provision");
    }
    exercise.state().requireCanGoTo(State.PROVISIONING, "exercise " + id);
    RangeProvider provider = providers.get(exercise.provider());
    assignBlocks(exercise, provider);
    recorder.transition(exercise, State.PROVISIONING, null, actor);
    Exercise ready = store.require(id);
    List<CompletableFuture<Void>> teams = new ArrayList<>();
    for (Team team : ready.teams()) {
      teams.add(
          CompletableFuture.runAsync(() -> provisionTeam(ready, team, provider), provisioning));
    }
    return CompletableFuture.allOf(teams.toArray(CompletableFuture[]::new))
        .thenApply(done -> settle(id));
  }

  /** Gives each team without a block (or whose range was torn down) a free one. */
  private void assignBlocks(Exercise exercise, RangeProvider provider) {
    int prefix = compiler(exercise).blockPrefix();
    Set<String> used = blocksInUse(provider);
    int index = 0;
    for (Team team : exercise.teams()) {
      String block = team.addressBlock();
      if (block == null || team.state() == State.TORN_DOWN) {
        block = nextFreeBlock(used, index, prefix);
        used.add(block);
        store.setAddressBlock(exercise.id(), team.number(), block);
      }
      index++;
      store.setTeamState(exercise.id(), team.number(), State.PROVISIONING, null);
    }
  }

  private Set<String> blocksInUse(RangeProvider provider) {
    Set<String> used = new HashSet<>(store.blocksInUse());
    // ranges of other servers (or tools) on the same engine hold blocks this database cannot know
    provider
        .list()
        .forEach(
            r -> {
              String block = r.labels().get(RangeLabels.BLOCK);
              if (block != null) {
                used.add(block);
              }
            });
    return used;
  }

  private static String nextFreeBlock(Set<String> used, int hint, int prefix) {
    for (int i = 0; i < 64; i++) {
      Cidr block = AddressPool.DEFAULT.block((hint + i) % 64, prefix);
      if (!used.contains(block.toString())) {
        return block.toString();
      }
    }
    throw new EnshuException(
        Status.UNAVAILABLE,
        "no free address block in "
            + AddressPool.DEFAULT.pool()
            + ": tear down finished exercises first");
  }

  private PlanCompiler compiler(Exercise exercise) {
    var loaded = plans.scenario(exercise.scenario());
    return new PlanCompiler(loaded.scenario(), loaded.template());
  }

  private void provisionTeam(Exercise exercise, Team team, RangeProvider provider) {
    RangePlan plan = plans.plan(exercise, team);
    Instant start = clock.instant();
    recorder.record(
        exercise.id(),
        team.number(),
        "range.provisioning",
        "orchestrator",
        Map.of(
            "range",
            plan.rangeId(),
            "addressBlock",
            plan.addressBlock(),
            "hosts",
            plan.hosts().size()));
    try {
      provider.provision(plan);
      store.setTeamState(exercise.id(), team.number(), State.READY, null);
      recorder.record(
          exercise.id(),
          team.number(),
          "range.ready",
          "orchestrator",
          Map.of(
              "range",
              plan.rangeId(),
              "seconds",
              Duration.between(start, clock.instant()).toMillis() / 1000.0));
    } catch (RuntimeException e) {
      store.setTeamState(exercise.id(), team.number(), State.FAILED, e.getMessage());
      recorder.record(
          exercise.id(),
          team.number(),
          "range.failed",
          "orchestrator",
          Map.of("range", plan.rangeId(), "reason", String.valueOf(e.getMessage())));
    }
  }

  /**
   * The exercise ready when every team's range is, failed with each failed team's reason if not.
   */
  private Exercise settle(String id) {
    Exercise after = store.require(id);
    List<String> failures =
        after.teams().stream()
            .filter(t -> t.state() == State.FAILED)
            .map(t -> "team " + t.number() + ": " + t.reason())
            .toList();
    if (failures.isEmpty()) {
      recorder.transition(after, State.READY, null, "orchestrator");
    } else {
      recorder.transition(after, State.FAILED, String.join("\n", failures), "orchestrator");
    }
    return store.require(id);
  }
}
