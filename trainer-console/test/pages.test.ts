import { describe, expect, it } from 'vitest';
import { scenarioMillis } from '../src/app/clock';
import { ranking } from '../src/app/pages/scoreboard';
import { millisOf } from '../src/app/pages/workspace';
import type { TeamScore } from '../src/app/types';

const score = (team: number, total: number): TeamScore => ({ team, total, breakdown: {}, points: [], overTime: [], flags: [], reasons: true });

describe('the pure parts of the pages', () => {
  it('ranks teams by total with shared ranks for equal totals', () => {
    const r = ranking([score(1, 10), score(2, 30), score(3, 10), score(4, 5)]);
    expect(r.map((x) => [x.score.team, x.rank])).toEqual([[2, 1], [1, 2], [3, 2], [4, 4]]);
  });

  it('reads the workspace scenario time as milliseconds or an ISO duration', () => {
    expect(millisOf(90_000)).toBe(90_000);
    expect(millisOf('PT1H2M3S')).toBe(3_723_000);
    expect(millisOf('PT0.5S')).toBe(500);
    expect(millisOf('1h30m')).toBe(5_400_000);
    expect(millisOf('45s')).toBe(45_000);
    expect(millisOf('soon')).toBeNull();
    expect(millisOf('PT')).toBeNull();
    expect(millisOf(null)).toBeNull();
  });

  it('runs a team clock as the server does: less the pauses, times the speed', () => {
    const start = Date.parse('2026-04-01T00:00:00Z');
    const team = { startedAt: '2026-04-01T00:00:00Z', pausedAt: null, pausedMillis: 10_000 };
    expect(scenarioMillis(team, 2, start + 70_000)).toBe(120_000);
    expect(scenarioMillis({ ...team, pausedAt: '2026-04-01T00:00:40Z' }, 1, start + 500_000)).toBe(30_000);
    expect(scenarioMillis({ ...team, startedAt: null }, 1, start)).toBeNull();
  });
});

describe('review', () => {
  it('finds the recording of a console.recorded event by id or by address', async () => {
    const { recordingId } = await import('../src/app/pages/review');
    expect(recordingId({ recording: 'abc-1' })).toBe('abc-1');
    expect(recordingId({ recording: '/api/console/recordings/9a74ee11-13e3' })).toBe('9a74ee11-13e3');
    expect(recordingId({ session: 's-2' })).toBe('s-2');
    expect(recordingId({})).toBeNull();
  });
});
