package dev.enshu.orchestrator.timeline;

import dev.enshu.orchestrator.access.Access;
import dev.enshu.orchestrator.access.Permission;
import dev.enshu.orchestrator.journal.Journal;
import dev.enshu.orchestrator.journal.JournalEvent;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** A team's timeline (what fired, what was skipped, what waits) and the instructor's controls. */
@RestController
@RequestMapping("/api/exercises/{id}/teams/{team}/timeline")
class TimelineController {
  private final TimelineService timeline;
  private final Journal journal;
  private final Clock clock;

  private final Access access;

  TimelineController(TimelineService timeline, Journal journal, Clock clock, Access access) {
    this.timeline = timeline;
    this.journal = journal;
    this.clock = clock;
    this.access = access;
  }

  /**
   * Each inject and message with its state: fired, sent, skipped or pending, and the scenario
   * clock.
   */
  @GetMapping
  Map<String, Object> get(@PathVariable String id, @PathVariable int team) {
    access.require(Permission.VIEW_TEAM, id, team);
    ActiveTeam active =
        timeline.activeTeams().stream()
            .filter(t -> t.exerciseId().equals(id) && t.team().number() == team)
            .findFirst()
            .orElse(null);
    Map<String, Map<String, Object>> decided = new LinkedHashMap<>();
    for (JournalEvent e : journal.read(id, team, 0)) {
      if (e.onceKey() != null
          && e.team() != null
          && (e.type().equals(TimelineEngine.FIRED)
              || e.type().equals(TimelineEngine.SENT)
              || e.type().equals(TimelineEngine.SKIPPED))) {
        decided.put(
            (String) e.data().get("item"),
            Map.of(
                "state",
                e.type(),
                "at",
                e.at().toString(),
                "seq",
                e.seq(),
                "scenarioMillis",
                e.data().getOrDefault("scenarioMillis", 0)));
      }
    }
    List<Map<String, Object>> items = new ArrayList<>();
    if (active != null) {
      active
          .scenario()
          .items()
          .forEach(
              item -> {
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("item", item.id());
                row.put("kind", item instanceof dev.enshu.scenario.Inject ? "inject" : "message");
                row.put("at", item.at() == null ? null : item.at().toString());
                row.put("after", item.after());
                row.putAll(decided.getOrDefault(item.id(), Map.of("state", "pending")));
                items.add(row);
              });
    }
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("exercise", id);
    out.put("team", team);
    out.put(
        "scenarioMillis",
        active == null
            ? null
            : active.team().scenarioTime(clock.instant(), active.speed()).toMillis());
    out.put("items", items);
    return out;
  }

  @PostMapping("/{item}/skip")
  @ResponseStatus(HttpStatus.NO_CONTENT)
  void skip(@PathVariable String id, @PathVariable int team, @PathVariable String item) {
    timeline.skip(id, team, item, access.require(Permission.RUN_EXERCISE, id, team).name());
  }

  @PostMapping("/{item}/refire")
  @ResponseStatus(HttpStatus.ACCEPTED)
  void refire(@PathVariable String id, @PathVariable int team, @PathVariable String item) {
    timeline.refire(id, team, item, access.require(Permission.RUN_EXERCISE, id, team).name());
  }
}
