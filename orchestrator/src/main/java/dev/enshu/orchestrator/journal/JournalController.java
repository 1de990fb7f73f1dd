package dev.enshu.orchestrator.journal;

import dev.enshu.orchestrator.access.Actor;
import dev.enshu.orchestrator.access.Permission;
import dev.enshu.orchestrator.access.SecurityAccess;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Predicate;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The journal of an exercise, whole or per team, and its JSON Lines export; each user reads what
 * {@link JournalAudience} lets them. The export carries the hash chain only for a user who sees
 * every event (see {@link Journal#export(String, Predicate, Writer)}).
 */
@RestController
@RequestMapping("/api/exercises/{id}/journal")
class JournalController {
  private final Journal journal;
  private final SecurityAccess access;

  JournalController(Journal journal, SecurityAccess access) {
    this.journal = journal;
    this.access = access;
  }

  @GetMapping
  List<JournalEvent> read(
      @PathVariable String id,
      @RequestParam(required = false) Integer team,
      @RequestParam(defaultValue = "0") long after) {
    Actor actor = access.require(Permission.VIEW_EXERCISE, id, team);
    Predicate<JournalEvent> visible = JournalAudience.of(actor, id, access);
    return journal.read(id, team, after).stream().filter(visible).toList();
  }

  @GetMapping("/export")
  void export(@PathVariable String id, HttpServletResponse response) throws IOException {
    Actor actor = access.require(Permission.VIEW_EXERCISE, id, null);
    Predicate<JournalEvent> visible = JournalAudience.of(actor, id, access);
    response.setContentType("application/x-ndjson");
    response.setCharacterEncoding(StandardCharsets.UTF_8.name());
    response.setHeader("Content-Disposition", "attachment; filename=\"" + id + "-journal.jsonl\"");
    journal.export(id, visible, response.getWriter());
  }
}
