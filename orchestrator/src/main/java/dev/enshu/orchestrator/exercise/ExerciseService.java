package dev.enshu.orchestrator.exercise;

import dev.enshu.orchestrator.EnshuException;
import dev.enshu.orchestrator.EnshuException.Status;
import dev.enshu.orchestrator.WorkerPools;
import dev.enshu.orchestrator.journal.Journal;
import dev.enshu.orchestrator.journal.JournalEvent;
import dev.enshu.orchestrator.range.AddressPool;
import dev.enshu.orchestrator.range.PlanCompiler;
import dev.enshu.orchestrator.range.Providers;
import dev.enshu.orchestrator.range.RangePlan;
import dev.enshu.orchestrator.range.RangeProvider;
import dev.enshu.template.Cidr;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Predicate;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Service;

/**
 * What instructors do to exercises: create them, add teams and venues, provision, start, pause and
 * resume (a team, a venue, or all), finish, reset a host, tear down. Every change is checked
 * against the lifecycle and journalled with who did it.
 */
@Service
public class ExerciseService {
  private final ExerciseStore store;
  private final Plans plans;
  private final Providers providers;
  private final Journal journal;
  private final Clock clock;
  private final Executor provisioning;

  public ExerciseService(
      ExerciseStore store,
      Plans plans,
      Providers providers,
      Journal journal,
      Clock clock,
      @Qualifier(WorkerPools.PROVISIONING) Executor provisioning) {
    this.store = store;
    this.plans = plans;
    this.providers = providers;
    this.journal = journal;
    this.clock = clock;
    this.provisioning = provisioning;
  }

  public Exercise create(ExerciseRequest request, String actor) {
    if (request.scenario() == null) {
      throw new EnshuException(
          Status.BAD_REQUEST, "an exercise needs a scenario (a bundled id or a file)");
    }
    plans.scenario(request.scenario());
    String provider = request.provider() == null ? "docker" : request.provider();
    providers.get(provider);
    String id =
        request.id() == null
            ? "ex" + Long.toString(clock.millis() % 1_000_000_000L, 36)
            : request.id();
    if (!id.matches("[a-z0-9][a-z0-9-]{0,30}")) {
      throw new EnshuException(
          Status.BAD_REQUEST,
          "exercise id must be lower-case letters, digits and '-', found '" + id + "'");
    }
    double speed = request.speed() == null ? 1.0 : request.speed();
    if (speed <= 0 || speed > 3600) {
      throw new EnshuException(
          Status.BAD_REQUEST, "speed must be above 0 and at most 3600, found " + speed);
    }
    List<Team> teams = new ArrayList<>();
    List<ExerciseRequest.TeamRequest> asked = request.teams() == null ? List.of() : request.teams();
    for (int i = 0; i < asked.size(); i++) {
      teams.add(newTeam(i + 1, asked.get(i)));
    }
    Exercise exercise =
        new Exercise(
            id,
            request.scenario(),
            request.seed() == null ? DrawKey.randomSeed() : request.seed(),
            true,
            request.mode() == null ? Exercise.Mode.CENTRAL : request.mode(),
            provider,
            speed,
            State.DRAFT,
            null,
            clock.instant(),
            request.venues() == null ? List.of() : request.venues(),
            teams);
    checkVenues(exercise);
    store.create(exercise);
    record(
        id,
        null,
        "exercise.created",
        actor,
        Map.of(
            "scenario",
            exercise.scenario(),
            // never the seed itself: the journal is read by assistants, observers and exports
            "seedChosen",
            request.seed() != null,
            "mode",
            exercise.mode().name(),
            "provider",
            provider,
            "speed",
            speed,
            "teams",
            teams.size()));
    return store.require(id);
  }

  public Exercise addTeam(String id, ExerciseRequest.TeamRequest request, String actor) {
    Exercise exercise = store.require(id);
    if (exercise.state() != State.DRAFT) {
      throw new EnshuException(
          Status.CONFLICT,
          "teams are added while exercise "
              + id
              + " is a draft; it is "
              + exercise.state().label());
    }
    Team team = newTeam(exercise.teams().size() + 1, request);
    if (team.venue() != null
        && exercise.venues().stream().noneMatch(v -> v.id().equals(team.venue()))) {
      throw new EnshuException(
          Status.BAD_REQUEST, "no venue '" + team.venue() + "' in exercise " + id);
    }
    store.addTeam(id, team);
    record(
        id,
        team.number(),
        "team.added",
        actor,
        Map.of(
            "name", team.name(), "venue", String.valueOf(team.venue()), "members", team.members()));
    return store.require(id);
  }

  public Exercise addVenue(String id, Exercise.Venue venue, String actor) {
    Exercise exercise = store.require(id);
    if (exercise.state() != State.DRAFT) {
      throw new EnshuException(
          Status.CONFLICT,
          "venues are added while exercise "
              + id
              + " is a draft; it is "
              + exercise.state().label());
    }
    store.addVenue(id, venue);
    record(id, null, "venue.added", actor, Map.of("venue", venue.id(), "name", venue.name()));
    return store.require(id);
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
    PlanCompiler compiler = compiler(exercise);
    Set<String> used = new HashSet<>(store.blocksInUse());
    // ranges of other servers (or tools) on the same engine hold blocks this database cannot know
    provider
        .list()
        .forEach(
            r -> {
              String block = r.labels().get(dev.enshu.orchestrator.range.RangeLabels.BLOCK);
              if (block != null) {
                used.add(block);
              }
            });
    int index = 0;
    for (Team team : exercise.teams()) {
      String block = team.addressBlock();
      if (block == null || team.state() == State.TORN_DOWN) {
        block = nextFreeBlock(used, index, compiler.blockPrefix());
        used.add(block);
        store.setAddressBlock(id, team.number(), block);
      }
      index++;
      store.setTeamState(id, team.number(), State.PROVISIONING, null);
    }
    transition(exercise, State.PROVISIONING, null, actor);
    Exercise ready = store.require(id);
    List<CompletableFuture<Void>> teams = new ArrayList<>();
    for (Team team : ready.teams()) {
      teams.add(
          CompletableFuture.runAsync(() -> provisionTeam(ready, team, provider), provisioning));
    }
    return CompletableFuture.allOf(teams.toArray(CompletableFuture[]::new))
        .thenApply(
            done -> {
              Exercise after = store.require(id);
              List<String> failures =
                  after.teams().stream()
                      .filter(t -> t.state() == State.FAILED)
                      .map(t -> "team " + t.number() + ": " + t.reason())
                      .toList();
              if (failures.isEmpty()) {
                transition(after, State.READY, null, "orchestrator");
              } else {
                transition(after, State.FAILED, String.join("\n", failures), "orchestrator");
              }
              return store.require(id);
            });
  }

  private void provisionTeam(Exercise exercise, Team team, RangeProvider provider) {
    RangePlan plan = plans.plan(exercise, team);
    Instant start = clock.instant();
    record(
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
      record(
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
      record(
          exercise.id(),
          team.number(),
          "range.failed",
          "orchestrator",
          Map.of("range", plan.rangeId(), "reason", String.valueOf(e.getMessage())));
    }
  }

  private PlanCompiler compiler(Exercise exercise) {
    var loaded = plans.scenario(exercise.scenario());
    return new PlanCompiler(loaded.scenario(), loaded.template());
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

  /**
   * Starts the teams chosen by {@code scope} (team number, venue id, or all); each runs its own
   * clock from zero.
   */
  public Exercise start(String id, Scope scope, String actor) {
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
      record(id, team.number(), "team.started", actor, Map.of("scope", scope.describe()));
    }
    if (exercise.state() == State.READY || exercise.state() == State.PAUSED) {
      transition(store.require(id), State.RUNNING, null, actor);
    }
    return store.require(id);
  }

  public Exercise pause(String id, Scope scope, String actor) {
    Exercise exercise = store.require(id);
    Instant now = clock.instant();
    for (Team team : scope.select(exercise)) {
      team.state().requireCanGoTo(State.PAUSED, "team " + team.number() + " of " + id);
      store.setClock(id, team.number(), team.startedAt(), now, team.pausedMillis());
      store.setTeamState(id, team.number(), State.PAUSED, null);
      record(
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
      transition(after, State.PAUSED, null, actor);
    }
    return store.require(id);
  }

  public Exercise resume(String id, Scope scope, String actor) {
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
      record(id, team.number(), "team.resumed", actor, Map.of("scope", scope.describe()));
    }
    if (store.require(id).state() == State.PAUSED) {
      transition(store.require(id), State.RUNNING, null, actor);
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
    transition(exercise, State.FINISHED, reason, actor);
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
        record(id, team.number(), "range.destroyed", actor, Map.of("range", team.rangeId(id)));
      } catch (RuntimeException e) {
        problems.add("team " + team.number() + ": " + e.getMessage());
      }
    }
    if (!problems.isEmpty()) {
      throw new EnshuException(
          Status.INTERNAL,
          "tearing down " + id + " left ranges behind:\n" + String.join("\n", problems));
    }
    transition(store.require(id), State.TORN_DOWN, reason, actor);
    return store.require(id);
  }

  /** Puts one host of a team's range back into its provisioned state. */
  public void resetHost(String id, int teamNumber, String host, String actor) {
    Exercise exercise = store.require(id);
    Team team = requireTeam(exercise, teamNumber);
    RangePlan plan = plans.plan(exercise, team);
    if (plan.host(host).isEmpty()) {
      throw new EnshuException(
          Status.NOT_FOUND, "range " + plan.rangeId() + " has no host '" + host + "'");
    }
    providers
        .get(exercise.provider())
        .revert(new RangeProvider.HostRef(plan.rangeId(), host), RangeProvider.PROVISIONED);
    record(id, teamNumber, "host.reset", actor, Map.of("host", host));
  }

  public static Team requireTeam(Exercise exercise, int number) {
    return exercise
        .team(number)
        .orElseThrow(
            () ->
                new EnshuException(
                    Status.NOT_FOUND, "exercise " + exercise.id() + " has no team " + number));
  }

  private void transition(Exercise exercise, State next, String reason, String actor) {
    exercise.state().requireCanGoTo(next, "exercise " + exercise.id());
    store.setState(exercise.id(), next, reason);
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("from", exercise.state().label());
    data.put("to", next.label());
    if (reason != null) {
      data.put("reason", reason);
    }
    record(exercise.id(), null, "exercise.state", actor, data);
  }

  private void record(
      String id, Integer team, String type, String actor, Map<String, Object> data) {
    journal.append(JournalEvent.of(id, team, clock.instant(), type, actor, data));
  }

  private static Team newTeam(int number, ExerciseRequest.TeamRequest request) {
    String name = request.name() == null ? "Team " + number : request.name();
    return new Team(
        number,
        name,
        request.venue(),
        request.members() == null ? List.of() : request.members(),
        State.DRAFT,
        null,
        null,
        null,
        null,
        0);
  }

  private static void checkVenues(Exercise exercise) {
    for (Team team : exercise.teams()) {
      if (team.venue() != null
          && exercise.venues().stream().noneMatch(v -> v.id().equals(team.venue()))) {
        throw new EnshuException(
            Status.BAD_REQUEST,
            "team "
                + team.number()
                + " names venue '"
                + team.venue()
                + "', which exercise "
                + exercise.id()
                + " does not have");
      }
    }
  }

  /** Which teams an instructor's action applies to: one team, one venue's teams, or all. */
  public record Scope(Integer team, String venue) {
    public static final Scope ALL = new Scope(null, null);

    List<Team> select(Exercise exercise) {
      Predicate<Team> chosen =
          t -> (team == null || t.number() == team) && (venue == null || venue.equals(t.venue()));
      List<Team> teams = exercise.teams().stream().filter(chosen).toList();
      if (teams.isEmpty()) {
        throw new EnshuException(
            Status.NOT_FOUND, "no team of " + exercise.id() + " matches " + describe());
      }
      return teams;
    }

    String describe() {
      return team != null ? "team " + team : venue != null ? "venue " + venue : "all";
    }
  }
}
