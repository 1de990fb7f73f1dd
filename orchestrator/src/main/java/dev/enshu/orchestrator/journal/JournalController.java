package dev.enshu.orchestrator.journal;

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
 * {@link JournalReaders} lets them. The export carries the hash chain only for a user who sees
 * every event (see {@link Journal#export(String, Predicate, Writer)}).
 */
@RestController
@RequestMapping("/api/exercises/{id}/journal")
class JournalController {
  private final Journal journal;
  private final JournalReaders readers;

  JournalController(Journal journal, JournalReaders readers) {
    this.journal = journal;
    this.readers = readers;
  }

  @GetMapping
  List<JournalEvent> read(
      @PathVariable String id,
      @RequestParam(required = false) Integer team,
      @RequestParam(defaultValue = "0") long after) {
    Predicate<JournalEvent> visible = readers.current().visible(id, team);
    return journal.read(id, team, after).stream().filter(visible).toList();
  }

  @GetMapping("/export")
  void export(@PathVariable String id, HttpServletResponse response) throws IOException {
    Predicate<JournalEvent> visible = readers.current().visible(id, null);
    response.setContentType("application/x-ndjson");
    response.setCharacterEncoding(StandardCharsets.UTF_8.name());
    response.setHeader("Content-Disposition", "attachment; filename=\"" + id + "-journal.jsonl\"");
    journal.export(id, visible, response.getWriter());
  }
}
