package dev.enshu.orchestrator.scoring;

import dev.enshu.orchestrator.journal.JournalEvent;
import dev.enshu.orchestrator.timeline.TimelineEngine;
import dev.enshu.scenario.Check;
import dev.enshu.scenario.Hint;
import dev.enshu.scenario.Objective;
import dev.enshu.scenario.Report;
import dev.enshu.scenario.Scenario;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Computes a team's score from its journal events, in order, and nothing else. Pure: the same
 * events give the same score.
 */
public final class ScoreCalculator {
  public static final String FINDING = "finding.submitted";
  public static final String HINT = "hint.taken";
  public static final String GRADE = "report.graded";
  public static final String ADJUSTED = "score.adjusted";

  /** The parts of a score, in the order the breakdown lists them. */
  public static final List<String> PARTS =
      List.of("detection", "response", "service", "report", "penalties", "adjustments");

  /** Graders whose totals differ by more than this share of the rubric are flagged. */
  static final double DISAGREEMENT = 0.2;

  private final Scenario scenario;

  public ScoreCalculator(Scenario scenario) {
    this.scenario = scenario;
  }

  /**
   * The verdict on one answer given the events before it: accepted with points, rejected with a
   * penalty, or ignored (attempts used up, already answered, unknown objective).
   */
  public record Verdict(String outcome, int points, String reason) {}

  public TeamScore score(int team, List<JournalEvent> events, Map<String, String> variables) {
    State state = new State();
    List<TeamScore.Point> points = new ArrayList<>();
    Map<String, Integer> grades = new LinkedHashMap<>();
    long lastGradeSeq = 0;
    java.time.Instant lastGradeAt = null;
    for (JournalEvent e : events) {
      if (e.team() == null || e.team() != team) {
        continue;
      }
      switch (e.type()) {
        case TimelineEngine.FIRED -> state.fired.put((String) e.data().get("item"), millis(e));
        case FINDING -> {
          Verdict verdict = judge(state, e, variables);
          if (verdict.outcome().equals("accepted")) {
            points.add(
                new TeamScore.Point(
                    "detection", verdict.points(), e.seq(), e.at(), verdict.reason()));
          } else if (verdict.outcome().equals("rejected") && verdict.points() != 0) {
            points.add(
                new TeamScore.Point(
                    "penalties", verdict.points(), e.seq(), e.at(), verdict.reason()));
          }
        }
        case TimelineEngine.CHECK_RESULT -> checkPoints(state, e).ifPresent(points::add);
        case HINT -> {
          Hint hint =
              scenario.hintsOrEmpty().stream()
                  .filter(h -> h.id().equals(e.data().get("hint")))
                  .findFirst()
                  .orElse(null);
          if (hint != null && state.hints.add(hint.id())) {
            points.add(
                new TeamScore.Point(
                    "penalties",
                    -hint.penalty(),
                    e.seq(),
                    e.at(),
                    "hint '" + hint.id() + "' taken"));
          }
        }
        case ADJUSTED -> {
          if (e.data().get("points") instanceof Number n && n.intValue() != 0) {
            points.add(
                new TeamScore.Point(
                    "adjustments",
                    n.intValue(),
                    e.seq(),
                    e.at(),
                    "adjusted by " + e.actor() + ": " + e.data().get("reason")));
          }
        }
        case GRADE -> {
          grades.put((String) e.data().get("grader"), gradeTotal(e));
          lastGradeSeq = e.seq();
          lastGradeAt = e.at();
        }
        default -> {
          // other events earn nothing
        }
      }
    }
    List<String> flags = new ArrayList<>();
    if (!grades.isEmpty()) {
      int mean =
          (int)
              Math.round(grades.values().stream().mapToInt(Integer::intValue).average().orElse(0));
      points.add(
          new TeamScore.Point(
              "report",
              mean,
              lastGradeSeq,
              lastGradeAt,
              "report graded by " + grades.keySet() + ", mean of " + grades.values()));
      int rubric = scenario.report().rubric().stream().mapToInt(Report.Criterion::points).sum();
      int spread =
          grades.values().stream().mapToInt(Integer::intValue).max().orElse(0)
              - grades.values().stream().mapToInt(Integer::intValue).min().orElse(0);
      if (rubric > 0 && spread > DISAGREEMENT * rubric) {
        flags.add(
            "graders disagree on the report by " + spread + " of " + rubric + " points: " + grades);
      }
    }
    Map<String, Integer> breakdown = new LinkedHashMap<>();
    for (String category : PARTS) {
      breakdown.put(
          category,
          points.stream()
              .filter(p -> p.category().equals(category))
              .mapToInt(TeamScore.Point::points)
              .sum());
    }
    List<TeamScore.Point> ordered = new ArrayList<>(points);
    ordered.sort(java.util.Comparator.comparingLong(TeamScore.Point::seq));
    List<TeamScore.Step> overTime = new ArrayList<>();
    int total = 0;
    for (TeamScore.Point p : ordered) {
      total += p.points();
      overTime.add(new TeamScore.Step(p.at(), total));
    }
    return new TeamScore(team, total, breakdown, ordered, overTime, flags);
  }

  /** Judges the next answer of a team, given what it has already done (for immediate feedback). */
  public Verdict judgeNext(
      int team, List<JournalEvent> before, JournalEvent submission, Map<String, String> variables) {
    State state = new State();
    for (JournalEvent e : before) {
      if (e.team() == null || e.team() != team) {
        continue;
      }
      if (e.type().equals(TimelineEngine.FIRED)) {
        state.fired.put((String) e.data().get("item"), millis(e));
      } else if (e.type().equals(FINDING)) {
        judge(state, e, variables);
      }
    }
    return judge(state, submission, variables);
  }

  /** Where a team stands on an objective: answers it has left, and whether it answered it. */
  public record Progress(String objective, int attemptsLeft, boolean answered) {}

  /** Every objective's progress for a team, from its journal events in order. */
  public List<Progress> progress(
      int team, List<JournalEvent> events, Map<String, String> variables) {
    State state = new State();
    for (JournalEvent e : events) {
      if (e.team() == null || e.team() != team) {
        continue;
      }
      if (e.type().equals(TimelineEngine.FIRED)) {
        state.fired.put((String) e.data().get("item"), millis(e));
      } else if (e.type().equals(FINDING)) {
        judge(state, e, variables);
      }
    }
    return scenario.objectives().stream()
        .map(
            o -> {
              boolean answered = state.answered.contains(o.id());
              int limit = o.attempts() == null ? 3 : o.attempts();
              int left = answered ? 0 : Math.max(0, limit - state.attempts.getOrDefault(o.id(), 0));
              return new Progress(o.id(), left, answered);
            })
        .toList();
  }

  private Verdict judge(State state, JournalEvent e, Map<String, String> variables) {
    String id = (String) e.data().get("objective");
    Objective objective = scenario.objective(id).orElse(null);
    if (objective == null) {
      return new Verdict("ignored", 0, "no objective '" + id + "'");
    }
    if (state.answered.contains(id)) {
      return new Verdict("ignored", 0, "objective '" + id + "' is already answered");
    }
    String opensAfter = objective.opensAfterOrDefault();
    if (opensAfter != null && !state.fired.containsKey(opensAfter)) {
      // nothing in the range shows the answer yet: it was guessed, copied or precomputed. The
      // inject is not named: which injects exist is ground truth
      return new Verdict(
          "ignored",
          0,
          "objective '" + id + "' takes no answers yet: what it asks about has not happened");
    }
    int attempts = state.attempts.merge(id, 1, Integer::sum);
    int limit = objective.attempts() == null ? 3 : objective.attempts();
    if (attempts > limit) {
      return new Verdict(
          "ignored", 0, "no attempts left for objective '" + id + "' (" + limit + ")");
    }
    List<String> accepted =
        objective.expected().stream()
            .map(x -> dev.enshu.orchestrator.range.Substitution.apply(x, variables))
            .toList();
    if (AnswerMatcher.matches(
        objective.answerKind(), String.valueOf(e.data().get("answer")), accepted)) {
      state.answered.add(id);
      int points = decayed(objective, state, millis(e));
      return new Verdict(
          "accepted",
          points,
          "objective '"
              + id
              + "' answered correctly"
              + (points < objective.points()
                  ? " (" + points + " of " + objective.points() + " after decay)"
                  : ""));
    }
    int penalty = objective.penalty() == null ? 0 : objective.penalty();
    return new Verdict(
        "rejected",
        -penalty,
        "wrong answer to objective '" + id + "' (attempt " + attempts + " of " + limit + ")");
  }

  private static int decayed(Objective objective, State state, long answeredAt) {
    Objective.Decay decay = objective.decay();
    if (decay == null || !state.fired.containsKey(decay.after())) {
      return objective.points();
    }
    long elapsed = Math.max(0, answeredAt - state.fired.get(decay.after()));
    long steps = elapsed / Math.max(1, decay.every().duration().toMillis());
    int floor = decay.floor() == null ? 0 : decay.floor();
    long percent = Math.max(floor, 100 - steps * decay.percent());
    return (int) (objective.points() * percent / 100);
  }

  private java.util.Optional<TeamScore.Point> checkPoints(State state, JournalEvent e) {
    if (!Boolean.TRUE.equals(e.data().get("passed"))) {
      return java.util.Optional.empty();
    }
    Check check = scenario.check((String) e.data().get("check")).orElse(null);
    if (check == null) {
      return java.util.Optional.empty();
    }
    long at = millis(e);
    if (check.kind() == Check.Kind.RESPONSE) {
      if (!state.passed.add(check.id())) {
        return java.util.Optional.empty();
      }
      int points = check.points();
      String reason = "response check '" + check.id() + "' passed";
      Long start = check.after() == null ? Long.valueOf(0) : state.fired.get(check.after());
      if (check.bonus() != null
          && start != null
          && at - start <= check.bonus().within().duration().toMillis()) {
        points += check.bonus().points();
        reason += " within " + check.bonus().within() + " (+" + check.bonus().points() + " bonus)";
      }
      return java.util.Optional.of(
          new TeamScore.Point("response", points, e.seq(), e.at(), reason));
    }
    long bucket = at / Math.max(1, check.every().duration().toMillis());
    if (!state.serviceBuckets.add(check.id() + "#" + bucket)) {
      return java.util.Optional.empty();
    }
    return java.util.Optional.of(
        new TeamScore.Point(
            "service",
            check.points(),
            e.seq(),
            e.at(),
            "service check '" + check.id() + "' up in interval " + bucket));
  }

  private int gradeTotal(JournalEvent e) {
    Object scores = e.data().get("scores");
    int total = 0;
    if (scores instanceof Map<?, ?> map) {
      for (Report.Criterion criterion : scenario.report().rubric()) {
        Object given = map.get(criterion.id());
        if (given instanceof Number n) {
          total += Math.max(0, Math.min(criterion.points(), n.intValue()));
        }
      }
    }
    return total;
  }

  private static long millis(JournalEvent e) {
    Object value = e.data().get("scenarioMillis");
    return value instanceof Number n ? n.longValue() : 0;
  }

  /** What a team has done so far while the events are read. */
  private static final class State {
    final Map<String, Long> fired = new HashMap<>();
    final Map<String, Integer> attempts = new HashMap<>();
    final Set<String> answered = new HashSet<>();
    final Set<String> passed = new HashSet<>();
    final Set<String> hints = new HashSet<>();
    final Set<String> serviceBuckets = new HashSet<>();
  }
}
