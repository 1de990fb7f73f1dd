package dev.enshu.orchestrator.scoring;

import dev.enshu.orchestrator.EnshuException;
import dev.enshu.orchestrator.EnshuException.Status;
import dev.enshu.orchestrator.exercise.Exercise;
import dev.enshu.orchestrator.exercise.ExerciseStore;
import dev.enshu.orchestrator.exercise.Plans;
import dev.enshu.orchestrator.exercise.State;
import dev.enshu.orchestrator.exercise.Team;
import dev.enshu.orchestrator.journal.Journal;
import dev.enshu.orchestrator.journal.JournalEvent;
import dev.enshu.orchestrator.timeline.TimelineEngine;
import dev.enshu.scenario.Hint;
import dev.enshu.scenario.Objective;
import dev.enshu.scenario.Report;
import dev.enshu.scenario.Scenario;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.stereotype.Service;

/**
 * What teams and graders do that earns or costs points: findings, hints, reports and their grades,
 * and instructors' adjustments. Each is journalled; the verdict on a finding is journalled too, for
 * the team's feedback and the timeline's conditions, while the scoreboard always recomputes from
 * the submissions. What teams write is bounded by {@link ScoringLimits}.
 */
@Service
@EnableConfigurationProperties({ScoringLimits.class, FairPlayProperties.class})
public class ScoringService {
  public static final String ACCEPTED = TimelineEngine.FINDING_ACCEPTED;
  public static final String REJECTED = "finding.rejected";
  public static final String REPORT = "report.submitted";

  /** A finding that gives another team's drawn answer: shared between teams, for the instructor. */
  public static final String COPIED = "fairplay.copied";

  private final ExerciseStore store;
  private final Plans plans;
  private final Journal journal;
  private final Clock clock;
  private final SubmissionLimits limits;
  private final FairPlayProperties fairPlay;

  public ScoringService(
      ExerciseStore store,
      Plans plans,
      Journal journal,
      Clock clock,
      ScoringLimits limits,
      FairPlayProperties fairPlay) {
    this.store = store;
    this.plans = plans;
    this.journal = journal;
    this.clock = clock;
    this.limits = new SubmissionLimits(limits);
    this.fairPlay = fairPlay;
  }

  /**
   * Refuses work that would be scored outside the team's window: findings, hints and reports count
   * only while the team runs (and, by setting, while it is paused). Before the start nothing in the
   * range shows an answer; after the end the review shows them all.
   */
  private void requireOpen(Exercise exercise, Team team, String what) {
    boolean open =
        team.state() == State.RUNNING
            || (team.state() == State.PAUSED && fairPlay.acceptWhilePaused());
    if (!open) {
      throw new EnshuException(
          Status.CONFLICT,
          what
              + " are taken while the team's exercise runs"
              + (fairPlay.acceptWhilePaused() ? " or is paused" : "")
              + "; team "
              + team.number()
              + " of "
              + exercise.id()
              + " is "
              + team.state().label());
    }
  }

  /** A team's answer to an objective: host, indicator, account, technique or time, and notes. */
  public record Finding(String objective, String answer, String note) {}

  /**
   * Judges a team's answer and journals it with its verdict. An answer that would be ignored
   * (objective answered, attempts used up), one too large, or one past the team's quotas is refused
   * without being journalled.
   */
  public synchronized ScoreCalculator.Verdict submit(
      String id, int teamNumber, Finding finding, String actor) {
    limits.checkFinding(finding);
    Exercise exercise = store.require(id);
    Team team = exercise.requireTeam(teamNumber);
    requireOpen(exercise, team, "findings");
    Scenario scenario = plans.scenario(exercise.scenario()).scenario();
    if (scenario.objective(finding.objective()).isEmpty()) {
      throw new EnshuException(
          Status.NOT_FOUND,
          "scenario " + scenario.id() + " has no objective '" + finding.objective() + "'");
    }
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("objective", finding.objective());
    data.put("answer", finding.answer() == null ? "" : finding.answer());
    data.put("note", finding.note() == null ? "" : finding.note());
    data.put("scenarioMillis", team.scenarioTime(clock.instant(), exercise.speed()).toMillis());
    List<JournalEvent> before = journal.read(id, teamNumber, 0);
    limits.checkFindingQuota(teamNumber, finding.objective(), before, clock.instant());
    JournalEvent submission =
        JournalEvent.of(id, teamNumber, clock.instant(), ScoreCalculator.FINDING, actor, data);
    Map<String, String> variables = plans.plan(exercise, team).variables();
    ScoreCalculator.Verdict verdict =
        new ScoreCalculator(scenario).judgeNext(teamNumber, before, submission, variables);
    if (verdict.outcome().equals("ignored")) {
      // refused and not journalled; a copied answer is flagged all the same
      flagCopies(exercise, team, scenario, submission, variables, null);
      throw new EnshuException(Status.CONFLICT, verdict.reason());
    }
    long seq = journal.append(submission).seq();
    flagCopies(exercise, team, scenario, submission, variables, seq);
    journal.append(
        JournalEvent.of(
            id,
            teamNumber,
            clock.instant(),
            verdict.outcome().equals("accepted") ? ACCEPTED : REJECTED,
            "scoring",
            Map.of("objective", finding.objective(), "points", verdict.points(), "finding", seq)));
    return verdict;
  }

  /** An instructor's change of a team's score: non-zero points, bounded, and why. */
  public record Adjustment(Integer points, String reason) {}

  /** Journals an instructor's adjustment of a team's score; it counts as its own score part. */
  public JournalEvent adjust(String id, int teamNumber, Adjustment adjustment, String instructor) {
    limits.checkAdjustment(adjustment);
    store.require(id).requireTeam(teamNumber);
    return journal.append(
        JournalEvent.of(
            id,
            teamNumber,
            clock.instant(),
            ScoreCalculator.ADJUSTED,
            instructor,
            Map.of("points", adjustment.points(), "reason", adjustment.reason().strip())));
  }

  /**
   * Journals a finding whose answer is another team's drawn value and not the team's own: the
   * answer came from that team (a shared flag, in CTF terms). The instructor sees both teams; the
   * first such finding per objective and source team is flagged.
   */
  private void flagCopies(
      Exercise exercise,
      Team team,
      Scenario scenario,
      JournalEvent submission,
      Map<String, String> own,
      Long findingSeq) {
    Objective objective = scenario.objective((String) submission.data().get("objective")).get();
    String answer = (String) submission.data().get("answer");
    if (answer.isBlank()
        || AnswerMatcher.matches(objective.answerKind(), answer, expected(objective, own))) {
      return;
    }
    if (objective.expected().stream().noneMatch(x -> x.contains("${"))) {
      return; // the same answer for every team (a technique id): nothing to copy
    }
    for (Team other : exercise.teams()) {
      if (other.number() == team.number() || other.addressBlock() == null) {
        continue;
      }
      if (AnswerMatcher.matches(
          objective.answerKind(),
          answer,
          expected(objective, plans.plan(exercise, other).variables()))) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("objective", objective.id());
        data.put("finding", findingSeq == null ? "refused" : findingSeq);
        data.put("team", team.number());
        data.put("answerOfTeam", other.number());
        data.put("answer", answer);
        data.put("by", submission.actor());
        // weaker evidence when the value is also one the team meets in its own range (a
        // candidate of a choice, a host name): instructors weigh it
        data.put("ownCandidate", ownCandidate(scenario, exercise, team, objective, answer));
        // once per team, objective and source team: refused repeats cannot grow the journal
        journal.appendOnce(
            JournalEvent.of(exercise.id(), team.number(), clock.instant(), COPIED, "scoring", data)
                .once("copied:" + team.number() + ":" + objective.id() + ":" + other.number()));
      }
    }
  }

  private boolean ownCandidate(
      Scenario scenario, Exercise exercise, Team team, Objective objective, String answer) {
    List<String> seen = new java.util.ArrayList<>();
    scenario
        .variablesOrEmpty()
        .values()
        .forEach(
            v -> {
              if (v instanceof dev.enshu.scenario.Variable.Choice choice) {
                seen.addAll(choice.values());
              }
            });
    plans.plan(exercise, team).hosts().forEach(h -> seen.add(h.id()));
    return AnswerMatcher.matches(objective.answerKind(), answer, seen);
  }

  private static List<String> expected(Objective objective, Map<String, String> variables) {
    return objective.expected().stream()
        .map(x -> dev.enshu.orchestrator.range.Substitution.apply(x, variables))
        .toList();
  }

  /** Reveals a hint to a team, once, at its penalty. */
  public Hint takeHint(String id, int teamNumber, String hintId, String actor) {
    Exercise exercise = store.require(id);
    requireOpen(exercise, exercise.requireTeam(teamNumber), "hints");
    Scenario scenario = plans.scenario(exercise.scenario()).scenario();
    Hint hint =
        scenario.hintsOrEmpty().stream()
            .filter(h -> h.id().equals(hintId))
            .findFirst()
            .orElseThrow(
                () ->
                    new EnshuException(
                        Status.NOT_FOUND,
                        "scenario " + scenario.id() + " has no hint '" + hintId + "'"));
    journal.appendOnce(
        JournalEvent.of(
                id,
                teamNumber,
                clock.instant(),
                ScoreCalculator.HINT,
                actor,
                Map.of("hint", hintId, "penalty", hint.penalty()))
            .once("hint:" + teamNumber + ":" + hintId));
    return hint;
  }

  /** Stores a team's report (a later one replaces it for grading). */
  public void submitReport(String id, int teamNumber, Map<String, String> sections, String actor) {
    limits.checkReport(teamNumber, sections, journal.read(id, teamNumber, REPORT));
    Exercise exercise = store.require(id);
    requireOpen(exercise, exercise.requireTeam(teamNumber), "reports");
    Report form = plans.scenario(exercise.scenario()).scenario().report();
    for (String section : sections.keySet()) {
      if (form.sections().stream().noneMatch(s -> s.id().equals(section))) {
        throw new EnshuException(
            Status.BAD_REQUEST,
            "the report form has no section '"
                + section
                + "'; it has "
                + form.sections().stream().map(Report.Section::id).toList());
      }
    }
    journal.append(
        JournalEvent.of(
            id, teamNumber, clock.instant(), REPORT, actor, Map.of("sections", sections)));
  }

  /** One grader's marks per rubric criterion, and feedback for the team. */
  public void grade(
      String id, int teamNumber, String grader, Map<String, Integer> scores, String feedback) {
    Exercise exercise = store.require(id);
    exercise.requireTeam(teamNumber);
    Report form = plans.scenario(exercise.scenario()).scenario().report();
    for (Map.Entry<String, Integer> score : scores.entrySet()) {
      Report.Criterion criterion =
          form.rubric().stream()
              .filter(c -> c.id().equals(score.getKey()))
              .findFirst()
              .orElseThrow(
                  () ->
                      new EnshuException(
                          Status.BAD_REQUEST,
                          "the rubric has no criterion '" + score.getKey() + "'"));
      if (score.getValue() < 0 || score.getValue() > criterion.points()) {
        throw new EnshuException(
            Status.BAD_REQUEST,
            "criterion '"
                + criterion.id()
                + "' gives 0 to "
                + criterion.points()
                + " points, found "
                + score.getValue());
      }
    }
    if (journal.read(id, teamNumber, REPORT).isEmpty()) {
      throw new EnshuException(
          Status.CONFLICT, "team " + teamNumber + " has not submitted a report yet");
    }
    journal.append(
        JournalEvent.of(
            id,
            teamNumber,
            clock.instant(),
            ScoreCalculator.GRADE,
            grader,
            Map.of(
                "grader", grader, "scores", scores, "feedback", feedback == null ? "" : feedback)));
  }

  /** The team's latest report with every grader's latest marks and feedback. */
  public Map<String, Object> report(String id, int teamNumber) {
    Map<String, Object> out = new LinkedHashMap<>();
    Optional<JournalEvent> latest =
        journal.read(id, teamNumber, REPORT).stream().reduce((a, b) -> b);
    out.put("report", latest.map(JournalEvent::data).orElse(null));
    Map<String, Object> grades = new LinkedHashMap<>();
    journal
        .read(id, teamNumber, ScoreCalculator.GRADE)
        .forEach(g -> grades.put((String) g.data().get("grader"), g.data()));
    out.put("grades", grades);
    return out;
  }

  /** One team's score, recomputed from the journal. */
  public TeamScore teamScore(String id, int teamNumber) {
    Exercise exercise = store.require(id);
    Team team = exercise.requireTeam(teamNumber);
    Scenario scenario = plans.scenario(exercise.scenario()).scenario();
    return new ScoreCalculator(scenario)
        .score(teamNumber, journal.read(id, teamNumber, 0), variables(exercise, team));
  }

  /** Answers left and answered or not, per objective of the team's scenario. */
  public List<ScoreCalculator.Progress> progress(String id, int teamNumber) {
    Exercise exercise = store.require(id);
    Team team = exercise.requireTeam(teamNumber);
    Scenario scenario = plans.scenario(exercise.scenario()).scenario();
    return new ScoreCalculator(scenario)
        .progress(teamNumber, journal.read(id, teamNumber, 0), variables(exercise, team));
  }

  private Map<String, String> variables(Exercise exercise, Team team) {
    return team.addressBlock() == null ? Map.of() : plans.plan(exercise, team).variables();
  }

  /** Every team's score, recomputed from the journal. */
  public List<TeamScore> scoreboard(String id) {
    Exercise exercise = store.require(id);
    Scenario scenario = plans.scenario(exercise.scenario()).scenario();
    ScoreCalculator calculator = new ScoreCalculator(scenario);
    List<JournalEvent> events = journal.read(id, null, 0);
    return exercise.teams().stream()
        .map(
            team ->
                calculator.score(
                    team.number(),
                    events,
                    team.addressBlock() == null
                        ? Map.of()
                        : plans.plan(exercise, team).variables()))
        .toList();
  }
}
