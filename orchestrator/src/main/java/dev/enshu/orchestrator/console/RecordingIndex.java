package dev.enshu.orchestrator.console;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Remembers finished recordings (for playback authorisation) and passes every event on to the
 * listener the application configured. Never lets a failing listener break a console.
 */
final class RecordingIndex implements ConsoleSessionListener {
  private final ConsoleSessionListener next;
  private final Map<String, Recording> recordings = new ConcurrentHashMap<>();

  RecordingIndex(ConsoleSessionListener next) {
    this.next = next;
  }

  Optional<Recording> find(String sessionId) {
    return Optional.ofNullable(recordings.get(sessionId));
  }

  @Override
  public void opened(SessionEvent event) {
    try {
      next.opened(event);
    } catch (RuntimeException e) {
      // a listener must not break consoles
    }
  }

  @Override
  public void closed(SessionEvent event, String reason) {
    try {
      next.closed(event, reason);
    } catch (RuntimeException e) {
      // a listener must not break consoles
    }
  }

  @Override
  public void recorded(Recording recording) {
    recordings.put(recording.sessionId(), recording);
    try {
      next.recorded(recording);
    } catch (RuntimeException e) {
      // a listener must not break consoles
    }
  }
}
