// When a console page opens its session again: pure, so the unit tests can hold it.
/**
 * Whether a console page whose socket closed with `code` opens a new session: yes when the host's
 * side ended (4001: its engine went away, its shell exited) or the connection was lost (1001,
 * 1006, 1011–1014); no after a refusal (44xx), a session the gateway ended (4000: idle, stopping)
 * or a normal close.
 */
export function reopens(code: number): boolean {
  return code === 4001 || code === 1001 || code === 1006 || (code >= 1011 && code <= 1014);
}

/** How many times in a row a console page tries to open its session again before it gives up. */
export const REOPEN_ATTEMPTS = 8;
