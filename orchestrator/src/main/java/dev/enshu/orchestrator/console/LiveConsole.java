package dev.enshu.orchestrator.console;

import java.time.Instant;

/** A live console connection of any transport, as the idle sweep sees it. */
interface LiveConsole {
  Instant lastInput();

  /** Ends it, telling its browsers why. Idempotent. */
  void close(String reason);
}
