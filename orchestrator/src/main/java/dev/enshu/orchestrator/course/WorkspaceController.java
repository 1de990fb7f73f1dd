package dev.enshu.orchestrator.course;

import dev.enshu.orchestrator.access.Access;
import dev.enshu.orchestrator.access.Permission;
import dev.enshu.orchestrator.exercise.Exercise;
import dev.enshu.orchestrator.exercise.ExerciseStore;
import dev.enshu.orchestrator.exercise.Plans;
import dev.enshu.orchestrator.exercise.Team;
import dev.enshu.orchestrator.exercise.Topologies;
import dev.enshu.orchestrator.journal.Journal;
import dev.enshu.orchestrator.scoring.ScoringService;
import java.time.Clock;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/** The trainee's page in one call; for the team's trainees and for instructors (WORK_TEAM). */
@RestController
class WorkspaceController {
  private final ExerciseStore store;
  private final Plans plans;
  private final Topologies topologies;
  private final Journal journal;
  private final ScoringService scoring;
  private final Access access;
  private final Clock clock;

  WorkspaceController(
      ExerciseStore store,
      Plans plans,
      Topologies topologies,
      Journal journal,
      ScoringService scoring,
      Access access,
      Clock clock) {
    this.store = store;
    this.plans = plans;
    this.topologies = topologies;
    this.journal = journal;
    this.scoring = scoring;
    this.access = access;
    this.clock = clock;
  }

  @GetMapping("/api/exercises/{id}/teams/{team}/workspace")
  Workspace workspace(@PathVariable String id, @PathVariable int team) {
    access.require(Permission.WORK_TEAM, id, team);
    Exercise exercise = store.require(id);
    Team chosen = exercise.requireTeam(team);
    return Workspace.of(
        exercise,
        chosen,
        plans.scenario(exercise.scenario()).scenario(),
        topologies.ofOrEmpty(exercise, chosen),
        journal.read(id, team, 0),
        scoring.progress(id, team),
        scoring.teamScore(id, team),
        clock.instant());
  }
}
