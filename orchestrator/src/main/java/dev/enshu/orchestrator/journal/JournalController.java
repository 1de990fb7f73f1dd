package dev.enshu.orchestrator.journal;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The journal of an exercise, whole or per team, and its JSON Lines export. */
@RestController
@RequestMapping("/api/exercises/{id}/journal")
class JournalController {
  private final Journal journal;

  JournalController(Journal journal) {
    this.journal = journal;
  }

  @GetMapping
  List<JournalEvent> read(
      @PathVariable String id,
      @RequestParam(required = false) Integer team,
      @RequestParam(defaultValue = "0") long after) {
    return journal.read(id, team, after);
  }

  @GetMapping("/export")
  void export(@PathVariable String id, HttpServletResponse response) throws IOException {
    response.setContentType("application/x-ndjson");
    response.setCharacterEncoding(StandardCharsets.UTF_8.name());
    response.setHeader("Content-Disposition", "attachment; filename=\"" + id + "-journal.jsonl\"");
    journal.export(id, response.getWriter());
  }
}
