/**
 * The journal: the append-only record every feature writes to (injects fired with their ground
 * truth, messages, check results, findings, instructor actions, state changes), read per exercise
 * and team, streamed live and exported as JSON Lines for the after-action review. Each event
 * carries a hash chaining it to the one before it in its exercise ({@link
 * dev.enshu.orchestrator.journal.JournalChain}), so an export can be checked offline with {@code
 * enshu journal verify}.
 *
 * <p>Every feature writes here, so the journal depends on no feature. Who may read which events is
 * not the journal's to decide: its API and feed ask {@link
 * dev.enshu.orchestrator.journal.JournalReaders}, and access answers (with {@code JournalAudience}
 * and {@link dev.enshu.orchestrator.journal.EventVisibility}), depending on the journal and not the
 * other way round.
 */
package dev.enshu.orchestrator.journal;
