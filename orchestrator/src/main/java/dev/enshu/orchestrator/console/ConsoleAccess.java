package dev.enshu.orchestrator.console;

/** What a connection wants to do with a host's console. */
public enum ConsoleAccess {
  /** Open a session of one's own, with the keyboard. */
  OPEN,
  /** Join a live session read-only: input is never forwarded. */
  OBSERVE,
  /** Join a live session with the keyboard (needs the instructor's leave unless instructor). */
  CONTROL
}
