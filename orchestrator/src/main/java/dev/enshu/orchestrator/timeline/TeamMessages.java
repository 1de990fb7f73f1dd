package dev.enshu.orchestrator.timeline;

import dev.enshu.orchestrator.EnshuException;
import dev.enshu.orchestrator.EnshuException.Status;
import dev.enshu.orchestrator.exercise.ExerciseStore;
import dev.enshu.orchestrator.journal.Journal;
import dev.enshu.orchestrator.journal.JournalEvent;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.springframework.stereotype.Service;

/**
 * Messages an instructor or a venue assistant sends to a team. They are journalled as {@code
 * message.sent}, the type the timeline's scenario messages use, so the team's message list and the
 * live feed show both alike: besides {@code text}, {@code severity} and {@code from} (the sender's
 * name) the event carries the scenario message's {@code subject} and {@code body} in both languages
 * and the channel {@code instructor}.
 */
@Service
public class TeamMessages {
  static final int MAX_LENGTH = 4000;
  static final Set<String> SEVERITIES = Set.of("info", "alert");

  private final ExerciseStore store;
  private final Journal journal;
  private final Clock clock;

  public TeamMessages(ExerciseStore store, Journal journal, Clock clock) {
    this.store = store;
    this.journal = journal;
    this.clock = clock;
  }

  /** What a sender writes: the text, and {@code info} (default) or {@code alert}. */
  public record Draft(String text, String severity) {}

  public JournalEvent send(String exerciseId, int team, Draft draft, String from) {
    store.require(exerciseId).requireTeam(team);
    String text = draft == null || draft.text() == null ? "" : draft.text().strip();
    if (text.isEmpty()) {
      throw new EnshuException(Status.BAD_REQUEST, "a message needs a text, found none");
    }
    if (text.length() > MAX_LENGTH) {
      throw new EnshuException(
          Status.BAD_REQUEST,
          "a message has at most " + MAX_LENGTH + " characters, found " + text.length());
    }
    String severity = draft.severity() == null ? "info" : draft.severity();
    if (!SEVERITIES.contains(severity)) {
      throw new EnshuException(
          Status.BAD_REQUEST,
          "severity is 'info' or 'alert', found '" + severity + "' in the message to team " + team);
    }
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("text", text);
    data.put("severity", severity);
    data.put("from", from);
    data.put("subject", Map.of("ja", subject(severity, "ja"), "en", subject(severity, "en")));
    data.put("body", Map.of("ja", text, "en", text));
    data.put("channel", "instructor");
    return journal.append(
        JournalEvent.of(exerciseId, team, clock.instant(), TimelineEngine.SENT, from, data));
  }

  private static String subject(String severity, String language) {
    if ("alert".equals(severity)) {
      return "ja".equals(language) ? "講師からの警告" : "Alert from the instructor";
    }
    return "ja".equals(language) ? "講師からの連絡" : "Message from the instructor";
  }
}
