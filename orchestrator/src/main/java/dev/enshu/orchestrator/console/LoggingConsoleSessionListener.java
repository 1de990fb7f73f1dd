package dev.enshu.orchestrator.console;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Logs console sessions until the journal listens to them. */
final class LoggingConsoleSessionListener implements ConsoleSessionListener {
  private static final Logger log = LoggerFactory.getLogger("enshu.console");

  @Override
  public void opened(SessionEvent e) {
    log.info(
        "console {} {} opened by {} ({}) on {}",
        e.transport(),
        e.sessionId(),
        e.user(),
        e.access(),
        e.target());
  }

  @Override
  public void closed(SessionEvent e, String reason) {
    log.info(
        "console {} {} of {} on {} closed: {}",
        e.transport(),
        e.sessionId(),
        e.user(),
        e.target(),
        reason);
  }

  @Override
  public void recorded(Recording r) {
    log.info(
        "console session {} of {} on {} recorded from {} to {}: {} ({} bytes)",
        r.sessionId(),
        r.owner(),
        r.target(),
        r.start(),
        r.end(),
        r.file(),
        r.bytes());
  }
}
