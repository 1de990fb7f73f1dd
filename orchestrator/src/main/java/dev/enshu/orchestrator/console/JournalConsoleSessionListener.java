package dev.enshu.orchestrator.console;

import dev.enshu.orchestrator.journal.Journal;
import dev.enshu.orchestrator.journal.JournalEvent;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Journals console sessions: who opened or watched which host, when they left and why, and each
 * finished recording, so the after-action review can play it back beside the rest of the story.
 */
class JournalConsoleSessionListener implements ConsoleSessionListener {
  private static final Logger LOG = LoggerFactory.getLogger(JournalConsoleSessionListener.class);
  private final Journal journal;

  JournalConsoleSessionListener(Journal journal) {
    this.journal = journal;
  }

  @Override
  public void opened(SessionEvent event) {
    write(event.target(), event.at(), "console.opened", event.user().name(), base(event));
  }

  @Override
  public void closed(SessionEvent event, String reason) {
    Map<String, Object> data = base(event);
    data.put("reason", reason == null ? "" : reason);
    write(event.target(), event.at(), "console.closed", event.user().name(), data);
  }

  @Override
  public void recorded(Recording recording) {
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("session", recording.sessionId());
    data.put("host", recording.target().hostId());
    data.put("start", recording.start().toString());
    data.put("end", recording.end().toString());
    data.put("recording", "/api/console/recordings/" + recording.sessionId());
    data.put("bytes", recording.bytes());
    // who typed: a trainee may play back their team's sessions, never a staff member's
    data.put("role", recording.owner().role().name().toLowerCase(Locale.ROOT));
    write(recording.target(), recording.end(), "console.recorded", recording.owner().name(), data);
  }

  private static Map<String, Object> base(SessionEvent event) {
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("session", event.sessionId());
    data.put("transport", event.transport());
    data.put("host", event.target().hostId());
    data.put("access", event.access().name().toLowerCase(Locale.ROOT));
    data.put("role", event.user().role().name().toLowerCase(Locale.ROOT));
    return data;
  }

  private void write(
      ConsoleTarget target,
      java.time.Instant at,
      String type,
      String actor,
      Map<String, Object> data) {
    try {
      journal.append(JournalEvent.of(target.exerciseId(), target.team(), at, type, actor, data));
    } catch (RuntimeException e) {
      // a console must never break because its journal entry could not be written
      LOG.warn("could not journal {} of {}: {}", type, target, e.getMessage());
    }
  }
}
