package dev.enshu.orchestrator.timeline;

import dev.enshu.orchestrator.access.Access;
import dev.enshu.orchestrator.access.Actor;
import dev.enshu.orchestrator.access.Permission;
import dev.enshu.orchestrator.journal.JournalEvent;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Sends a message to a team: instructors to any team, assistants to their venues' teams. */
@RestController
class MessageController {
  private final TeamMessages messages;
  private final Access access;

  MessageController(TeamMessages messages, Access access) {
    this.messages = messages;
    this.access = access;
  }

  @PostMapping("/api/exercises/{id}/teams/{team}/messages")
  @ResponseStatus(HttpStatus.CREATED)
  JournalEvent send(
      @PathVariable String id, @PathVariable int team, @RequestBody TeamMessages.Draft draft) {
    Actor actor = access.require(Permission.HELP_TEAM, id, team);
    return messages.send(id, team, draft, actor.name());
  }
}
