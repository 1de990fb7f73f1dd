package dev.enshu.orchestrator.journal;

import java.time.Instant;
import java.util.Map;

/**
 * One thing that happened.
 *
 * @param seq position in the journal, increasing; 0 before it is stored
 * @param team the team it concerns, or null for the whole exercise
 * @param type what kind of event, such as {@code inject.fired} or {@code exercise.state}
 * @param actor who or what caused it: {@code timeline}, {@code checks}, a user name
 * @param onceKey set for events that may happen only once; null otherwise
 * @param data the event's details
 */
public record JournalEvent(
    long seq,
    String exerciseId,
    Integer team,
    Instant at,
    String type,
    String actor,
    String onceKey,
    Map<String, Object> data) {

  /** A new event, not yet stored. */
  public static JournalEvent of(
      String exerciseId,
      Integer team,
      Instant at,
      String type,
      String actor,
      Map<String, Object> data) {
    return new JournalEvent(0, exerciseId, team, at, type, actor, null, data);
  }

  /** The same event, to be stored at most once under {@code key}. */
  public JournalEvent once(String key) {
    return new JournalEvent(seq, exerciseId, team, at, type, actor, key, data);
  }

  /** The same event as stored: with its sequence number, at the database's precision. */
  JournalEvent stored(long storedSeq) {
    return new JournalEvent(
        storedSeq,
        exerciseId,
        team,
        at.truncatedTo(java.time.temporal.ChronoUnit.MICROS),
        type,
        actor,
        onceKey,
        data);
  }
}
