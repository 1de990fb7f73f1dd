package dev.enshu.orchestrator.timeline;

import dev.enshu.orchestrator.access.Access;
import dev.enshu.orchestrator.access.Actor;
import dev.enshu.orchestrator.access.Permission;
import dev.enshu.orchestrator.journal.JournalEvent;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * The instructor fires an inject (or sends a scenario message) before it falls due. Answers with
 * the journalled {@code inject.fired} or {@code message.sent} event; the inject's action runs in
 * the background and its outcome follows in the journal.
 */
@RestController
@RequestMapping("/api/exercises/{id}/teams/{team}/timeline")
class TimelineFireController {
  private final TimelineService timeline;
  private final Access access;

  TimelineFireController(TimelineService timeline, Access access) {
    this.timeline = timeline;
    this.access = access;
  }

  @PostMapping("/{item}/fire")
  @ResponseStatus(HttpStatus.ACCEPTED)
  JournalEvent fire(@PathVariable String id, @PathVariable int team, @PathVariable String item) {
    Actor actor = access.require(Permission.RUN_EXERCISE, id, team);
    return timeline.fireNow(id, team, item, actor.name());
  }
}
