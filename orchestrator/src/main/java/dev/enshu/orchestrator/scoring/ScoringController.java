package dev.enshu.orchestrator.scoring;

import dev.enshu.orchestrator.access.Access;
import dev.enshu.orchestrator.access.Actor;
import dev.enshu.orchestrator.access.Permission;
import dev.enshu.orchestrator.journal.JournalEvent;
import dev.enshu.scenario.Hint;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Findings, hints, reports, grades, instructors' score adjustments and the scoreboard. */
@RestController
@RequestMapping("/api/exercises/{id}")
class ScoringController {
  private final ScoringService scoring;
  private final Access access;

  ScoringController(ScoringService scoring, Access access) {
    this.scoring = scoring;
    this.access = access;
  }

  @PostMapping("/teams/{team}/findings")
  ScoreCalculator.Verdict finding(
      @PathVariable String id,
      @PathVariable int team,
      @RequestBody ScoringService.Finding finding) {
    return scoring.submit(id, team, finding, work(id, team));
  }

  @PostMapping("/teams/{team}/hints/{hint}")
  Hint hint(@PathVariable String id, @PathVariable int team, @PathVariable String hint) {
    return scoring.takeHint(id, team, hint, work(id, team));
  }

  @PostMapping("/teams/{team}/report")
  @ResponseStatus(HttpStatus.NO_CONTENT)
  void report(
      @PathVariable String id, @PathVariable int team, @RequestBody Map<String, String> sections) {
    scoring.submitReport(id, team, sections, work(id, team));
  }

  /** A grader's marks: {@code {"scores": {"r-summary": 8, ...}, "feedback": "..."}}. */
  record Grade(Map<String, Integer> scores, String feedback) {}

  @PostMapping("/teams/{team}/report/grades")
  @ResponseStatus(HttpStatus.NO_CONTENT)
  void grade(@PathVariable String id, @PathVariable int team, @RequestBody Grade grade) {
    scoring.grade(
        id,
        team,
        access.require(Permission.RUN_EXERCISE, id, team).name(),
        grade.scores(),
        grade.feedback());
  }

  /**
   * An instructor's adjustment: {@code {"points": -5, "reason": "..."}}, journalled with the name.
   */
  @PostMapping("/teams/{team}/adjustments")
  @ResponseStatus(HttpStatus.CREATED)
  JournalEvent adjust(
      @PathVariable String id,
      @PathVariable int team,
      @RequestBody ScoringService.Adjustment adjustment) {
    return scoring.adjust(
        id, team, adjustment, access.require(Permission.RUN_EXERCISE, id, team).name());
  }

  @GetMapping("/teams/{team}/report")
  Map<String, Object> report(@PathVariable String id, @PathVariable int team) {
    Actor actor = access.current();
    if (!access.decide(actor, Permission.VIEW_TEAM, id, team).allowed()) {
      access.require(Permission.WORK_TEAM, id, team);
    }
    return scoring.report(id, team);
  }

  /**
   * Every team the caller may see on the board (an assistant: the teams of their venues), each with
   * its reasons only when the caller may see the team's whole picture or works as it: a trainee
   * reads other teams' totals and breakdowns, never which of their answers were right.
   */
  @GetMapping("/scoreboard")
  List<TeamScore> scoreboard(@PathVariable String id) {
    Actor actor = access.require(Permission.VIEW_SCOREBOARD, id, null);
    return ScoreboardView.of(
        scoring.scoreboard(id),
        team -> access.decide(actor, Permission.VIEW_SCOREBOARD, id, team).allowed(),
        team ->
            access.decide(actor, Permission.VIEW_TEAM, id, team).allowed()
                || access.decide(actor, Permission.WORK_TEAM, id, team).allowed());
  }

  /** The name of the trainee (or instructor) working as the team. */
  private String work(String id, int team) {
    return access.require(Permission.WORK_TEAM, id, team).name();
  }
}
