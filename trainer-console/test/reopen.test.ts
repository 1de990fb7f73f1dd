import { describe, expect, it } from 'vitest';
import { REOPEN_ATTEMPTS, reopens } from '../src/console/reopen';

describe('when a console page opens its session again', () => {
  it('reopens when the host side ended or the connection was lost', () => {
    for (const code of [4001, 1001, 1006, 1011, 1012, 1013, 1014]) expect(reopens(code), String(code)).toBe(true);
  });

  it('does not reopen after a refusal, a session the gateway ended, or a normal close', () => {
    for (const code of [1000, 4000, 4401, 4403, 4404, 4409]) expect(reopens(code), String(code)).toBe(false);
  });

  it('gives up after a bounded number of attempts', () => {
    expect(REOPEN_ATTEMPTS).toBeGreaterThan(0);
    expect(REOPEN_ATTEMPTS).toBeLessThan(20);
  });
});
