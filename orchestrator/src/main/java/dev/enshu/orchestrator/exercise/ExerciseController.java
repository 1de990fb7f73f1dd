package dev.enshu.orchestrator.exercise;

import dev.enshu.orchestrator.EnshuException;
import dev.enshu.orchestrator.access.Access;
import dev.enshu.orchestrator.access.Actor;
import dev.enshu.orchestrator.access.Permission;
import java.util.List;
import java.util.Optional;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * The exercise API. Every call asks {@link Access}; lists and exercises show only the teams the
 * user may see (a trainee their own, an assistant their venues').
 */
@RestController
@RequestMapping("/api/exercises")
class ExerciseController {
  private final ExerciseTeams exerciseTeams;
  private final ExerciseProvisioning provisioning;
  private final ExerciseLifecycle lifecycle;
  private final ExerciseStore store;
  private final Access access;
  private final ScenarioCatalogue catalogue;

  ExerciseController(
      ExerciseTeams exerciseTeams,
      ExerciseProvisioning provisioning,
      ExerciseLifecycle lifecycle,
      ExerciseStore store,
      Access access,
      ScenarioCatalogue catalogue) {
    this.exerciseTeams = exerciseTeams;
    this.provisioning = provisioning;
    this.lifecycle = lifecycle;
    this.store = store;
    this.access = access;
    this.catalogue = catalogue;
  }

  @PostMapping
  @ResponseStatus(HttpStatus.CREATED)
  Exercise create(@RequestBody ExerciseRequest request) {
    Actor actor = access.require(Permission.RUN_EXERCISE, request.id(), null);
    return exerciseTeams.create(fromCatalogue(request), actor.name());
  }

  /**
   * A scenario named by its catalogue id ({@code GET /api/scenarios}, which also lists the site's
   * own files) is read from where the catalogue reads it; any other name is a bundled id or a file.
   */
  private ExerciseRequest fromCatalogue(ExerciseRequest r) {
    if (r.scenario() == null) {
      return r;
    }
    ScenarioCatalogue.Entry entry = catalogue.entries().get(r.scenario());
    if (entry == null || entry.source().equals(r.scenario())) {
      return r;
    }
    return new ExerciseRequest(
        r.id(), entry.source(), r.seed(), r.mode(), r.provider(), r.speed(), r.venues(), r.teams());
  }

  @GetMapping
  List<Exercise> list() {
    Actor actor = access.current();
    return store.all().stream()
        .filter(e -> access.decide(actor, Permission.VIEW_EXERCISE, e.id(), null).allowed())
        .map(e -> visible(actor, e))
        .toList();
  }

  @GetMapping("/{id}")
  Exercise get(@PathVariable String id) {
    Actor actor = access.require(Permission.VIEW_EXERCISE, id, null);
    return visible(actor, store.require(id));
  }

  @PostMapping("/{id}/teams")
  Exercise addTeam(@PathVariable String id, @RequestBody ExerciseRequest.TeamRequest team) {
    return exerciseTeams.addTeam(
        id, team, access.require(Permission.RUN_EXERCISE, id, null).name());
  }

  @PostMapping("/{id}/venues")
  Exercise addVenue(@PathVariable String id, @RequestBody Exercise.Venue venue) {
    return exerciseTeams.addVenue(
        id, venue, access.require(Permission.RUN_EXERCISE, id, null).name());
  }

  /** Starts provisioning; answers at once with the exercise in state provisioning. */
  @PostMapping("/{id}/provision")
  @ResponseStatus(HttpStatus.ACCEPTED)
  Exercise provision(@PathVariable String id) {
    // the outcome shows in the states of the exercise and its teams, which the caller reads
    var unused =
        provisioning.provision(id, access.require(Permission.RUN_EXERCISE, id, null).name());
    return store.require(id);
  }

  @PostMapping("/{id}/start")
  Exercise start(
      @PathVariable String id,
      @RequestParam(required = false) Integer team,
      @RequestParam(required = false) String venue) {
    Actor actor = access.require(Permission.RUN_EXERCISE, id, team);
    return lifecycle.start(id, new TeamScope(team, venue), actor.name());
  }

  @PostMapping("/{id}/pause")
  Exercise pause(
      @PathVariable String id,
      @RequestParam(required = false) Integer team,
      @RequestParam(required = false) String venue) {
    Actor actor = helpScope(id, team, venue);
    return lifecycle.pause(id, new TeamScope(team, venue), actor.name());
  }

  @PostMapping("/{id}/resume")
  Exercise resume(
      @PathVariable String id,
      @RequestParam(required = false) Integer team,
      @RequestParam(required = false) String venue) {
    Actor actor = helpScope(id, team, venue);
    return lifecycle.resume(id, new TeamScope(team, venue), actor.name());
  }

  @PostMapping("/{id}/finish")
  Exercise finish(@PathVariable String id) {
    return lifecycle.finish(id, access.require(Permission.RUN_EXERCISE, id, null).name());
  }

  @PostMapping("/{id}/teardown")
  Exercise teardown(@PathVariable String id) {
    return lifecycle.teardown(id, access.require(Permission.RUN_EXERCISE, id, null).name());
  }

  @PostMapping("/{id}/teams/{team}/hosts/{host}/reset")
  @ResponseStatus(HttpStatus.NO_CONTENT)
  void reset(@PathVariable String id, @PathVariable int team, @PathVariable String host) {
    lifecycle.resetHost(id, team, host, access.require(Permission.HELP_TEAM, id, team).name());
  }

  /**
   * Pausing or resuming one team is helping it; a whole venue needs help on each of its teams; the
   * whole exercise is the instructor's.
   */
  private Actor helpScope(String id, Integer team, String venue) {
    if (team != null) {
      return access.require(Permission.HELP_TEAM, id, team);
    }
    if (venue == null) {
      return access.require(Permission.RUN_EXERCISE, id, null);
    }
    Actor actor = access.current();
    Optional<Exercise> exercise = store.find(id);
    List<Team> teams =
        exercise
            .map(e -> e.teams().stream().filter(t -> venue.equals(t.venue())).toList())
            .orElse(List.of());
    if (actor.role() == Actor.Role.ASSISTANT && !actor.venues().contains(venue)) {
      throw new EnshuException(
          EnshuException.Status.FORBIDDEN,
          "refused: " + actor + " helps at venues " + actor.venues() + ", not '" + venue + "'");
    }
    if (teams.isEmpty()) {
      return access.require(Permission.RUN_EXERCISE, id, null);
    }
    teams.forEach(t -> access.require(Permission.HELP_TEAM, id, t.number()));
    return actor;
  }

  /** The exercise with only the teams {@code actor} may see; only instructors see the seed. */
  private Exercise visible(Actor actor, Exercise e) {
    List<Team> teams =
        e.teams().stream()
            .filter(
                t -> access.decide(actor, Permission.VIEW_EXERCISE, e.id(), t.number()).allowed())
            .toList();
    boolean instructor = actor.role() == Actor.Role.INSTRUCTOR;
    if (teams.size() == e.teams().size() && instructor) {
      return e;
    }
    return new Exercise(
        e.id(),
        e.scenario(),
        // the seed (with the installation's key) draws every team's variables: the answers
        instructor ? e.seed() : 0,
        e.keyedDraws(),
        e.mode(),
        e.provider(),
        e.speed(),
        e.state(),
        e.reason(),
        e.createdAt(),
        e.venues(),
        teams);
  }
}
