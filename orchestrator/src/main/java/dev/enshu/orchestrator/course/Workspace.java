package dev.enshu.orchestrator.course;

import dev.enshu.orchestrator.exercise.Exercise;
import dev.enshu.orchestrator.exercise.State;
import dev.enshu.orchestrator.exercise.Team;
import dev.enshu.orchestrator.exercise.Topology;
import dev.enshu.orchestrator.journal.JournalEvent;
import dev.enshu.orchestrator.scoring.ScoreCalculator;
import dev.enshu.orchestrator.scoring.ScoringService;
import dev.enshu.orchestrator.scoring.TeamScore;
import dev.enshu.scenario.Hint;
import dev.enshu.scenario.Objective;
import dev.enshu.scenario.Scenario;
import dev.enshu.template.Localized;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The trainee's page in one answer: the exercise and team, the briefing, the hosts, messages,
 * objectives (answers left, answered), own findings, hints (their text only once taken), the report
 * form and the latest submission, and the own score. Built only from what the team may see: never
 * ground truth, expected answers, checks or injects.
 */
record Workspace(
    ExercisePart exercise,
    TeamPart team,
    Map<String, String> briefing,
    List<Topology.Host> hosts,
    List<JournalEvent> messages,
    List<ObjectivePart> objectives,
    List<JournalEvent> findings,
    List<HintPart> hints,
    ReportPart report,
    ScorePart score) {

  record ExercisePart(String id, Map<String, String> title, State state, Exercise.Mode mode) {}

  /** {@code scenarioTime} in milliseconds of scenario time. */
  record TeamPart(int number, String name, State state, long scenarioTime) {}

  record ObjectivePart(
      String id, Map<String, String> question, int attemptsLeft, boolean answered) {}

  record HintPart(
      String id, Map<String, String> title, int cost, boolean taken, Map<String, String> text) {}

  record ReportPart(List<Section> sections, Map<String, Object> submitted) {
    record Section(String id, Map<String, String> title) {}
  }

  record ScorePart(int total, Map<String, Integer> parts) {}

  static final Set<String> FINDINGS =
      Set.of(ScoreCalculator.FINDING, ScoringService.ACCEPTED, ScoringService.REJECTED);
  static final String MESSAGE = "message.sent";

  /** Builds the workspace from the team's journal (its own and exercise-wide events, in order). */
  static Workspace of(
      Exercise exercise,
      Team team,
      Scenario scenario,
      Topology topology,
      List<JournalEvent> journal,
      List<ScoreCalculator.Progress> progress,
      TeamScore score,
      Instant now) {
    List<JournalEvent> own =
        journal.stream().filter(e -> e.team() == null || e.team() == team.number()).toList();
    Set<String> taken = new HashSet<>();
    own.stream()
        .filter(e -> ScoreCalculator.HINT.equals(e.type()) && e.team() != null)
        .forEach(e -> taken.add(String.valueOf(e.data().get("hint"))));
    Map<String, ScoreCalculator.Progress> byObjective =
        progress.stream()
            .collect(
                java.util.stream.Collectors.toMap(ScoreCalculator.Progress::objective, p -> p));
    Optional<JournalEvent> report =
        own.stream()
            .filter(e -> ScoringService.REPORT.equals(e.type()) && e.team() != null)
            .reduce((a, b) -> b);
    return new Workspace(
        new ExercisePart(exercise.id(), text(scenario.title()), exercise.state(), exercise.mode()),
        new TeamPart(
            team.number(),
            team.name(),
            team.state(),
            team.scenarioTime(now, exercise.speed()).toMillis()),
        text(scenario.briefing()),
        teamsHosts(topology),
        own.stream().filter(e -> MESSAGE.equals(e.type())).toList(),
        scenario.objectives().stream().map(o -> objective(o, byObjective.get(o.id()))).toList(),
        own.stream().filter(e -> e.team() != null && FINDINGS.contains(e.type())).toList(),
        scenario.hintsOrEmpty().stream()
            .map(h -> hint(h, scenario, taken.contains(h.id())))
            .toList(),
        new ReportPart(
            scenario.report().sections().stream()
                .map(s -> new ReportPart.Section(s.id(), text(s.title())))
                .toList(),
            report.map(Workspace::submission).orElse(null)),
        new ScorePart(score.total(), score.breakdown()));
  }

  private static ObjectivePart objective(Objective o, ScoreCalculator.Progress progress) {
    int limit = o.attempts() == null ? 3 : o.attempts();
    return new ObjectivePart(
        o.id(),
        text(o.question()),
        progress == null ? limit : progress.attemptsLeft(),
        progress != null && progress.answered());
  }

  /**
   * A hint is titled by the question of the objective it helps with, else by its id; its text shows
   * only once the team has taken it (and paid for it).
   */
  private static HintPart hint(Hint h, Scenario scenario, boolean taken) {
    Map<String, String> title =
        Optional.ofNullable(h.objective())
            .flatMap(scenario::objective)
            .map(o -> Map.of("ja", "ヒント：" + o.question().ja(), "en", "Hint: " + o.question().en()))
            .orElse(Map.of("ja", "ヒント " + h.id(), "en", "Hint " + h.id()));
    return new HintPart(h.id(), title, h.penalty(), taken, taken ? text(h.text()) : null);
  }

  private static Map<String, Object> submission(JournalEvent e) {
    return Map.of(
        "sections",
        e.data().getOrDefault("sections", Map.of()),
        "at",
        e.at().toString(),
        "by",
        e.actor(),
        "seq",
        e.seq());
  }

  static Map<String, String> text(Localized text) {
    return Map.of("ja", text.ja(), "en", text.en());
  }

  /**
   * The hosts as the team sees them: the simulated internet as one host without a console (see
   * {@link Topology#asTraineesSeeIt}).
   */
  static List<Topology.Host> teamsHosts(Topology topology) {
    return topology.asTraineesSeeIt().hosts();
  }
}
