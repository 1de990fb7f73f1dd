package dev.enshu.orchestrator.exercise;

import dev.enshu.orchestrator.access.Access;
import dev.enshu.orchestrator.access.Actor;
import dev.enshu.orchestrator.access.Permission;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * Online self-paced runs of the signed-in user: start one, list one's own, end one. Trainees and
 * instructors an instructor allowed to train online may start one, within the quotas of {@link
 * OnlineProperties}; a run is ended by its member or by an instructor.
 */
@RestController
@RequestMapping("/api/online/runs")
class OnlineController {
  private final OnlineRuns runs;
  private final Access access;

  OnlineController(OnlineRuns runs, Access access) {
    this.runs = runs;
    this.access = access;
  }

  /** What to run: a scenario id of the catalogue ({@code GET /api/scenarios}). */
  record Start(String scenario) {}

  @PostMapping
  @ResponseStatus(HttpStatus.CREATED)
  OnlineRuns.Created start(@RequestBody Start start) {
    Actor actor = access.require(Permission.TRAIN_ONLINE, null, null);
    return runs.create(actor.name(), start == null ? null : start.scenario());
  }

  @GetMapping
  List<OnlineRuns.Run> mine() {
    return runs.of(access.current().name());
  }

  @DeleteMapping("/{exercise}")
  @ResponseStatus(HttpStatus.NO_CONTENT)
  void end(@PathVariable String exercise) {
    Actor actor = access.current();
    if (!runs.isMemberOf(exercise, actor.name())) {
      access.require(Permission.RUN_EXERCISE, exercise, null);
    }
    runs.end(exercise, actor.name(), "ended by " + actor.name());
  }
}
