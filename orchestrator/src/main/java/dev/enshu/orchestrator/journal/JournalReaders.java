package dev.enshu.orchestrator.journal;

import java.security.Principal;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * The question the journal's API and live feed ask before they hand out events: who reads, and
 * which events of an exercise may they see. The journal asks it and does not answer it: the rules
 * of who sees what belong to access, which implements this interface (the journal depends on no
 * feature; every feature, access included, writes to it).
 */
public interface JournalReaders {

  /**
   * The reader of the current HTTP request. Fails with an UNAUTHORIZED {@code EnshuException} when
   * the request carries no user.
   */
  Reader current();

  /** The reader of a WebSocket handshake's principal, or empty when no one logged in. */
  Optional<Reader> of(Principal principal);

  /** One user, reading journals. */
  interface Reader {
    /**
     * The events of {@code exercise} this reader may see, after checking that they may read the
     * exercise (and, when not null, the team) at all; fails with a FORBIDDEN {@code EnshuException}
     * whose message says why not. The predicate is thread-safe and may be kept for the length of a
     * feed.
     */
    Predicate<JournalEvent> visible(String exercise, Integer team);
  }
}
