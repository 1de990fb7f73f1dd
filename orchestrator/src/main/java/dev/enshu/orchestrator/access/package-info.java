/**
 * Users, roles (instructor, assistant, trainee, observer), venues, authentication and
 * authorisation. Every controller asks {@link dev.enshu.orchestrator.access.Access} before it acts;
 * the rules live here, in one place, so that REST and WebSocket endpoints answer alike.
 */
package dev.enshu.orchestrator.access;
