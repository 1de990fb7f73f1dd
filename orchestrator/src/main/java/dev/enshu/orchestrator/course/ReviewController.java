package dev.enshu.orchestrator.course;

import dev.enshu.orchestrator.EnshuException;
import dev.enshu.orchestrator.EnshuException.Status;
import dev.enshu.orchestrator.access.Access;
import dev.enshu.orchestrator.exercise.Exercise;
import dev.enshu.orchestrator.exercise.ExerciseStore;
import dev.enshu.orchestrator.exercise.Plans;
import dev.enshu.orchestrator.exercise.State;
import dev.enshu.orchestrator.exercise.Team;
import dev.enshu.orchestrator.exercise.TeamViews;
import dev.enshu.orchestrator.journal.Journal;
import dev.enshu.orchestrator.journal.JournalEvent;
import dev.enshu.orchestrator.journal.Review;
import dev.enshu.orchestrator.journal.ReviewHtml;
import dev.enshu.orchestrator.scoring.ScoringService;
import dev.enshu.orchestrator.scoring.TeamScore;
import java.time.Clock;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The after-action review: per team, the journal in order with score changes and console
 * recordings, as JSON ({@code /review}) or as a printable page ({@code /review.html}). Without
 * {@code team}, every team the user may see; a trainee sees only their own team, and only once the
 * exercise is finished (see {@link Review} for what of it).
 */
@RestController
class ReviewController {
  /** Times on the printed page are Japan time, where the courses are held. */
  static final ZoneId ZONE = ZoneId.of("Asia/Tokyo");

  private final ExerciseStore store;
  private final Plans plans;
  private final Journal journal;
  private final ScoringService scoring;
  private final Access access;
  private final Clock clock;

  ReviewController(
      ExerciseStore store,
      Plans plans,
      Journal journal,
      ScoringService scoring,
      Access access,
      Clock clock) {
    this.store = store;
    this.plans = plans;
    this.journal = journal;
    this.scoring = scoring;
    this.access = access;
    this.clock = clock;
  }

  record TeamReview(int number, String name, List<JournalEvent> events) {}

  record ReviewBody(List<TeamReview> teams) {}

  private record Section(Team team, TeamScore score, List<JournalEvent> events) {}

  @GetMapping("/api/exercises/{id}/review")
  ReviewBody review(
      @PathVariable String id,
      @RequestParam(required = false) Integer team,
      @RequestParam(required = false) String type) {
    return new ReviewBody(
        sections(id, team, Review.types(type)).stream()
            .map(s -> new TeamReview(s.team().number(), s.team().name(), s.events()))
            .toList());
  }

  @GetMapping("/api/exercises/{id}/review.html")
  ResponseEntity<String> printable(
      @PathVariable String id, @RequestParam(required = false) Integer team) {
    Exercise exercise = store.require(id);
    List<ReviewHtml.TeamPart> parts =
        sections(id, team, Set.of()).stream()
            .map(
                s ->
                    new ReviewHtml.TeamPart(
                        s.team().number(),
                        s.team().name(),
                        s.score().total(),
                        s.score().breakdown(),
                        s.events()))
            .toList();
    var title = plans.scenario(exercise.scenario()).scenario().title();
    String html =
        ReviewHtml.render(
            new ReviewHtml.Page(
                id,
                Map.of("ja", title.ja(), "en", title.en()),
                exercise.state().label(),
                clock.instant(),
                ZONE,
                parts));
    return ResponseEntity.ok()
        .contentType(new MediaType(MediaType.TEXT_HTML, java.nio.charset.StandardCharsets.UTF_8))
        .body(html);
  }

  private List<Section> sections(String id, Integer teamNumber, Set<String> types) {
    Exercise exercise = store.require(id);
    List<Team> teams =
        teamNumber == null ? exercise.teams() : List.of(exercise.requireTeam(teamNumber));
    List<Section> sections = new ArrayList<>();
    List<String> refusals = new ArrayList<>();
    for (Team team : teams) {
      TeamViews.View view;
      try {
        view = TeamViews.require(access, id, team.number());
      } catch (EnshuException e) {
        refusals.add("team " + team.number() + ": " + e.getMessage());
        continue;
      }
      boolean member = view.scope() == TeamViews.Scope.OWN;
      if (member && !finished(exercise)) {
        refusals.add(
            "team "
                + team.number()
                + ": a team's own review opens when the exercise is finished; "
                + id
                + " is "
                + exercise.state().label());
        continue;
      }
      TeamScore score = scoring.teamScore(id, team.number());
      List<Review.ScoreChange> changes =
          score.changes().stream()
              .map(
                  c ->
                      new Review.ScoreChange(
                          c.seq(), c.at(), c.total(), c.delta(), c.part(), c.reason()))
              .toList();
      sections.add(
          new Section(
              team,
              score,
              Review.events(
                  id, team.number(), journal.read(id, team.number(), 0), changes, types, member)));
    }
    if (sections.isEmpty() && !refusals.isEmpty()) {
      throw new EnshuException(
          Status.FORBIDDEN, "refused: no team of " + id + " to review: " + refusals);
    }
    return sections;
  }

  private static boolean finished(Exercise exercise) {
    return exercise.state() == State.FINISHED || exercise.state() == State.TORN_DOWN;
  }
}
