package dev.enshu.orchestrator.exercise;

import dev.enshu.orchestrator.EnshuException;
import dev.enshu.orchestrator.EnshuException.Status;
import dev.enshu.orchestrator.range.Providers;
import dev.enshu.orchestrator.range.RangePlan;
import dev.enshu.orchestrator.range.RangeProvider;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Service;

/**
 * The lifecycle of a provisioned exercise: start, pause and resume (a team, a venue, or all), each
 * team on its own scenario clock; finish; tear down; reset a host. Every change is checked against
 * the lifecycle and journalled with who made it.
 */
@Service
public class ExerciseLifecycle {
  private final ExerciseStore store;
  private final Plans plans;
  private final Providers providers;
  private final ExerciseRecorder recorder;
  private final Clock clock;

  ExerciseLifecycle(
      ExerciseStore store,
      Plans plans,
      Providers providers,
      ExerciseRecorder recorder,
      Clock clock) {
    this.store = store;
    this.plans = plans;
    this.providers = providers;
    this.recorder = recorder;
    this.clock = clock;
  }

  /**
   * Starts the teams chosen by {@code scope} (team number, venue id, or all); each runs its own
   * clock from zero.
   */
  public Exercise start(String id, TeamScope scope, String actor) {
    Exercise exercise = store.require(id);
    Instant now = clock.instant();
    for (Team team : scope.select(exercise)) {
      team.state().requireCanGoTo(State.RUNNING, "team " + team.number() + " of " + id);
      if (team.state() == State.READY) {
        store.setClock(id, team.number(), now, null, 0);
      } else {
        resumeClock(id, team, now);
      }
      store.setTeamState(id, team.number(), State.RUNNING, null);
      recorder.record(id, team.number(), "team.started", actor, Map.of("scope", scope.describe()));
    }
    if (exercise.state() == State.READY || exercise.state() == State.PAUSED) {
      recorder.transition(store.require(id), State.RUNNING, null, actor);
    }
    return store.require(id);
  }

  public Exercise pause(String id, TeamScope scope, String actor) {
    Exercise exercise = store.require(id);
    Instant now = clock.instant();
    for (Team team : scope.select(exercise)) {
      team.state().requireCanGoTo(State.PAUSED, "team " + team.number() + " of " + id);
      store.setClock(id, team.number(), team.startedAt(), now, team.pausedMillis());
      store.setTeamState(id, team.number(), State.PAUSED, null);
      recorder.record(
          id,
          team.number(),
          "team.paused",
          actor,
          Map.of(
              "scope",
              scope.describe(),
              "scenarioMillis",
              team.scenarioTime(now, exercise.speed()).toMillis()));
    }
    Exercise after = store.require(id);
    if (after.state() == State.RUNNING
        && after.teams().stream().noneMatch(t -> t.state() == State.RUNNING)) {
      recorder.transition(after, State.PAUSED, null, actor);
    }
    return store.require(id);
  }

  public Exercise resume(String id, TeamScope scope, String actor) {
    Exercise exercise = store.require(id);
    Instant now = clock.instant();
    for (Team team : scope.select(exercise)) {
      if (team.state() != State.PAUSED) {
        throw new EnshuException(
            Status.CONFLICT,
            "team " + team.number() + " of " + id + " is " + team.state().label() + ", not paused");
      }
      resumeClock(id, team, now);
      store.setTeamState(id, team.number(), State.RUNNING, null);
      recorder.record(id, team.number(), "team.resumed", actor, Map.of("scope", scope.describe()));
    }
    if (store.require(id).state() == State.PAUSED) {
      recorder.transition(store.require(id), State.RUNNING, null, actor);
    }
    return store.require(id);
  }

  private void resumeClock(String id, Team team, Instant now) {
    long paused =
        team.pausedMillis()
            + (team.pausedAt() == null ? 0 : Duration.between(team.pausedAt(), now).toMillis());
    store.setClock(id, team.number(), team.startedAt(), null, paused);
  }

  public Exercise finish(String id, String actor) {
    return finish(id, actor, null);
  }

  /** Finishes an exercise; {@code reason} (such as {@code idle}) goes into its state change. */
  public Exercise finish(String id, String actor, String reason) {
    Exercise exercise = store.require(id);
    exercise.state().requireCanGoTo(State.FINISHED, "exercise " + id);
    Instant now = clock.instant();
    for (Team team : exercise.teams()) {
      if (team.state() == State.RUNNING || team.state() == State.PAUSED) {
        store.setClock(
            id,
            team.number(),
            team.startedAt(),
            team.pausedAt() == null ? now : team.pausedAt(),
            team.pausedMillis());
        store.setTeamState(id, team.number(), State.FINISHED, null);
      }
    }
    recorder.transition(exercise, State.FINISHED, reason, actor);
    return store.require(id);
  }

  public Exercise teardown(String id, String actor) {
    return teardown(id, actor, null);
  }

  /** Tears down every range of an exercise; {@code reason} goes into its state change. */
  public Exercise teardown(String id, String actor, String reason) {
    Exercise exercise = store.require(id);
    exercise.state().requireCanGoTo(State.TORN_DOWN, "exercise " + id);
    RangeProvider provider = providers.get(exercise.provider());
    List<String> problems = new ArrayList<>();
    for (Team team : exercise.teams()) {
      try {
        provider.destroy(team.rangeId(id));
        store.setTeamState(id, team.number(), State.TORN_DOWN, null);
        recorder.record(
            id, team.number(), "range.destroyed", actor, Map.of("range", team.rangeId(id)));
      } catch (RuntimeException e) {
        problems.add("team " + team.number() + ": " + e.getMessage());
      }
    }
    if (!problems.isEmpty()) {
      throw new EnshuException(
          Status.INTERNAL,
          "tearing down " + id + " left ranges behind:\n" + String.join("\n", problems));
    }
    recorder.transition(store.require(id), State.TORN_DOWN, reason, actor);
    return store.require(id);
  }

  /** Puts one host of a team's range back into its provisioned state. */
  public void resetHost(String id, int teamNumber, String host, String actor) {
    Exercise exercise = store.require(id);
    RangePlan plan = plans.plan(exercise, exercise.requireTeam(teamNumber));
    if (plan.host(host).isEmpty()) {
      throw new EnshuException(
          Status.NOT_FOUND, "range " + plan.rangeId() + " has no host '" + host + "'");
    }
    providers
        .get(exercise.provider())
        .revert(new RangeProvider.HostRef(plan.rangeId(), host), RangeProvider.PROVISIONED);
    recorder.record(id, teamNumber, "host.reset", actor, Map.of("host", host));
  }
}
