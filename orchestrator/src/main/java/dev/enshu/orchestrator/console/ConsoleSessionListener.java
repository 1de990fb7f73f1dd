package dev.enshu.orchestrator.console;

import java.nio.file.Path;
import java.time.Instant;

/**
 * Hears about console sessions, for the journal. Called on gateway threads: implementations are
 * thread-safe, return quickly, and never throw (a failing listener must not break a console).
 */
public interface ConsoleSessionListener {

  /** A user connected to a host's console (as owner or observer). */
  void opened(SessionEvent event);

  /** A connection ended; {@code reason} says why (closed by the user, idle, too slow...). */
  void closed(SessionEvent event, String reason);

  /** A terminal session's recording is complete. */
  void recorded(Recording recording);

  /** One connection of a user to a session. */
  record SessionEvent(
      String sessionId,
      String transport,
      ConsoleTarget target,
      ConsoleUser user,
      ConsoleAccess access,
      Instant at) {}

  /** A finished recording: who worked on which host, from when to when, and where it is. */
  record Recording(
      String sessionId,
      ConsoleTarget target,
      ConsoleUser owner,
      Instant start,
      Instant end,
      Path file,
      long bytes) {}
}
