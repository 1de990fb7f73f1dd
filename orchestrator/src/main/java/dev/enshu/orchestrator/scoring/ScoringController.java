package dev.enshu.orchestrator.scoring;

import dev.enshu.scenario.Hint;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Findings, hints, reports, grades and the scoreboard. */
@RestController
@RequestMapping("/api/exercises/{id}")
class ScoringController {
  private final ScoringService scoring;

  ScoringController(ScoringService scoring) {
    this.scoring = scoring;
  }

  @PostMapping("/teams/{team}/findings")
  ScoreCalculator.Verdict finding(
      @PathVariable String id,
      @PathVariable int team,
      @RequestBody ScoringService.Finding finding,
      @RequestHeader(value = "X-Enshu-User", defaultValue = "trainee") String user) {
    return scoring.submit(id, team, finding, user);
  }

  @PostMapping("/teams/{team}/hints/{hint}")
  Hint hint(
      @PathVariable String id,
      @PathVariable int team,
      @PathVariable String hint,
      @RequestHeader(value = "X-Enshu-User", defaultValue = "trainee") String user) {
    return scoring.takeHint(id, team, hint, user);
  }

  @PostMapping("/teams/{team}/report")
  @ResponseStatus(HttpStatus.NO_CONTENT)
  void report(
      @PathVariable String id,
      @PathVariable int team,
      @RequestBody Map<String, String> sections,
      @RequestHeader(value = "X-Enshu-User", defaultValue = "trainee") String user) {
    scoring.submitReport(id, team, sections, user);
  }

  /** A grader's marks: {@code {"scores": {"r-summary": 8, ...}, "feedback": "..."}}. */
  record Grade(Map<String, Integer> scores, String feedback) {}

  @PostMapping("/teams/{team}/report/grades")
  @ResponseStatus(HttpStatus.NO_CONTENT)
  void grade(
      @PathVariable String id,
      @PathVariable int team,
      @RequestBody Grade grade,
      @RequestHeader(value = "X-Enshu-User", defaultValue = "instructor") String user) {
    scoring.grade(id, team, user, grade.scores(), grade.feedback());
  }

  @GetMapping("/teams/{team}/report")
  Map<String, Object> report(@PathVariable String id, @PathVariable int team) {
    return scoring.report(id, team);
  }

  @GetMapping("/scoreboard")
  List<TeamScore> scoreboard(@PathVariable String id) {
    return scoring.scoreboard(id);
  }
}
