package dev.enshu.orchestrator.exercise;

import dev.enshu.orchestrator.EnshuException;
import dev.enshu.orchestrator.EnshuException.Status;
import dev.enshu.orchestrator.range.Providers;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Service;

/**
 * Making exercises and filling them while they are drafts: creating one from a request, adding
 * teams and venues. Each change is journalled with who made it.
 */
@Service
public class ExerciseTeams {
  private final ExerciseStore store;
  private final Plans plans;
  private final Providers providers;
  private final ExerciseRecorder recorder;
  private final Clock clock;

  ExerciseTeams(
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

  public Exercise create(ExerciseRequest request, String actor) {
    if (request.scenario() == null) {
      throw new EnshuException(
          Status.BAD_REQUEST, "an exercise needs a scenario (a bundled id or a file)");
    }
    plans.scenario(request.scenario());
    String provider = request.provider() == null ? "docker" : request.provider();
    providers.get(provider);
    String id = id(request);
    double speed = speed(request);
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
    recorder.record(
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

  private String id(ExerciseRequest request) {
    String id =
        request.id() == null
            ? "ex" + Long.toString(clock.millis() % 1_000_000_000L, 36)
            : request.id();
    if (!id.matches("[a-z0-9][a-z0-9-]{0,30}")) {
      throw new EnshuException(
          Status.BAD_REQUEST,
          "exercise id must be lower-case letters, digits and '-', found '" + id + "'");
    }
    return id;
  }

  private static double speed(ExerciseRequest request) {
    double speed = request.speed() == null ? 1.0 : request.speed();
    if (speed <= 0 || speed > 3600) {
      throw new EnshuException(
          Status.BAD_REQUEST, "speed must be above 0 and at most 3600, found " + speed);
    }
    return speed;
  }

  public Exercise addTeam(String id, ExerciseRequest.TeamRequest request, String actor) {
    Exercise exercise = requireDraft(id, "teams");
    Team team = newTeam(exercise.teams().size() + 1, request);
    if (team.venue() != null
        && exercise.venues().stream().noneMatch(v -> v.id().equals(team.venue()))) {
      throw new EnshuException(
          Status.BAD_REQUEST, "no venue '" + team.venue() + "' in exercise " + id);
    }
    store.addTeam(id, team);
    recorder.record(
        id,
        team.number(),
        "team.added",
        actor,
        Map.of(
            "name", team.name(), "venue", String.valueOf(team.venue()), "members", team.members()));
    return store.require(id);
  }

  public Exercise addVenue(String id, Exercise.Venue venue, String actor) {
    requireDraft(id, "venues");
    store.addVenue(id, venue);
    recorder.record(
        id, null, "venue.added", actor, Map.of("venue", venue.id(), "name", venue.name()));
    return store.require(id);
  }

  private Exercise requireDraft(String id, String what) {
    Exercise exercise = store.require(id);
    if (exercise.state() != State.DRAFT) {
      throw new EnshuException(
          Status.CONFLICT,
          what
              + " are added while exercise "
              + id
              + " is a draft; it is "
              + exercise.state().label());
    }
    return exercise;
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
}
