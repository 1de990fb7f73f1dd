/**
 * Users, roles (instructor, assistant, trainee, observer), venues, authentication and
 * authorisation. Every controller asks {@link dev.enshu.orchestrator.access.Access} before it acts;
 * the rules live here, in one place, so that REST and WebSocket endpoints answer alike.
 *
 * <p>Dependencies run one way. Access writes to the journal (user changes, logins) and answers the
 * journal's question of who reads which events ({@code JournalReaders}); the journal knows nothing
 * of access. What the rules need of exercises (a trainee's team by its members list, the venues of
 * an exercise and its teams) access asks through {@link dev.enshu.orchestrator.access.Memberships},
 * which the exercise feature implements: exercise's controllers ask access, and access does not
 * import exercise.
 */
package dev.enshu.orchestrator.access;
