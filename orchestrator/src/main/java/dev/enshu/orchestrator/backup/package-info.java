/**
 * Backup and restore of a server's data: every table of its database (journal, exercises, teams,
 * venues, users, the draw key) as JSON Lines with the schema version, and the console recordings,
 * each file with its SHA-256 in a manifest written last. A backup restores into an empty H2 or
 * PostgreSQL database of the same or a newer Enshu, never over a running server or over data
 * already there; {@link dev.enshu.orchestrator.backup.DatabaseLease} is how a running server on
 * PostgreSQL says so.
 */
package dev.enshu.orchestrator.backup;
