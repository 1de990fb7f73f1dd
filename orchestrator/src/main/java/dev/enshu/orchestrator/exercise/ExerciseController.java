package dev.enshu.orchestrator.exercise;

import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * The exercise API. The acting user comes from the {@code X-Enshu-User} header until authentication
 * arrives with the trainer console.
 */
@RestController
@RequestMapping("/api/exercises")
class ExerciseController {
  static final String USER = "X-Enshu-User";
  private final ExerciseService service;
  private final ExerciseStore store;

  ExerciseController(ExerciseService service, ExerciseStore store) {
    this.service = service;
    this.store = store;
  }

  @PostMapping
  @ResponseStatus(HttpStatus.CREATED)
  Exercise create(
      @RequestBody ExerciseRequest request,
      @RequestHeader(value = USER, defaultValue = "instructor") String user) {
    return service.create(request, user);
  }

  @GetMapping
  List<Exercise> list() {
    return store.all();
  }

  @GetMapping("/{id}")
  Exercise get(@PathVariable String id) {
    return store.require(id);
  }

  @PostMapping("/{id}/teams")
  Exercise addTeam(
      @PathVariable String id,
      @RequestBody ExerciseRequest.TeamRequest team,
      @RequestHeader(value = USER, defaultValue = "instructor") String user) {
    return service.addTeam(id, team, user);
  }

  @PostMapping("/{id}/venues")
  Exercise addVenue(
      @PathVariable String id,
      @RequestBody Exercise.Venue venue,
      @RequestHeader(value = USER, defaultValue = "instructor") String user) {
    return service.addVenue(id, venue, user);
  }

  /** Starts provisioning; answers at once with the exercise in state provisioning. */
  @PostMapping("/{id}/provision")
  @ResponseStatus(HttpStatus.ACCEPTED)
  Exercise provision(
      @PathVariable String id,
      @RequestHeader(value = USER, defaultValue = "instructor") String user) {
    service.provision(id, user);
    return store.require(id);
  }

  @PostMapping("/{id}/start")
  Exercise start(
      @PathVariable String id,
      @RequestParam(required = false) Integer team,
      @RequestParam(required = false) String venue,
      @RequestHeader(value = USER, defaultValue = "instructor") String user) {
    return service.start(id, new ExerciseService.Scope(team, venue), user);
  }

  @PostMapping("/{id}/pause")
  Exercise pause(
      @PathVariable String id,
      @RequestParam(required = false) Integer team,
      @RequestParam(required = false) String venue,
      @RequestHeader(value = USER, defaultValue = "instructor") String user) {
    return service.pause(id, new ExerciseService.Scope(team, venue), user);
  }

  @PostMapping("/{id}/resume")
  Exercise resume(
      @PathVariable String id,
      @RequestParam(required = false) Integer team,
      @RequestParam(required = false) String venue,
      @RequestHeader(value = USER, defaultValue = "instructor") String user) {
    return service.resume(id, new ExerciseService.Scope(team, venue), user);
  }

  @PostMapping("/{id}/finish")
  Exercise finish(
      @PathVariable String id,
      @RequestHeader(value = USER, defaultValue = "instructor") String user) {
    return service.finish(id, user);
  }

  @PostMapping("/{id}/teardown")
  Exercise teardown(
      @PathVariable String id,
      @RequestHeader(value = USER, defaultValue = "instructor") String user) {
    return service.teardown(id, user);
  }

  @PostMapping("/{id}/teams/{team}/hosts/{host}/reset")
  @ResponseStatus(HttpStatus.NO_CONTENT)
  void reset(
      @PathVariable String id,
      @PathVariable int team,
      @PathVariable String host,
      @RequestHeader(value = USER, defaultValue = "instructor") String user) {
    service.resetHost(id, team, host, user);
  }
}
