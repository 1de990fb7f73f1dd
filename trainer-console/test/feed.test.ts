import { describe, expect, it } from 'vitest';
import { applyScores, backoff, feedUrl, initialState, JOURNAL_LIMIT, reduce, refresh, resumeUrl } from '../src/app/feed';
import { dataText, type Exercise, type JournalEvent, type Team, type TeamScore } from '../src/app/types';

const team = (number: number, state = 'DRAFT', venue: string | null = 'tokyo'): Team => ({
  number, name: `T${number}`, venue, members: [], state, reason: null, addressBlock: null, startedAt: null, pausedAt: null, pausedMillis: 0,
});
const exercise = (teams: Team[], state = 'DRAFT'): Exercise => ({
  id: 'ex1', scenario: 'mini', mode: 'CENTRAL', speed: 1, state, reason: null, venues: [], teams,
});
let seq = 0;
const event = (type: string, teamNumber: number | null, data: Record<string, unknown> = {}): JournalEvent => ({
  seq: ++seq, exerciseId: 'ex1', team: teamNumber, at: '2026-04-01T00:00:00Z', type, actor: 'timeline', data,
});
const score = (t: number, total: number): TeamScore => ({ team: t, total, breakdown: {}, points: [], overTime: [], flags: [], reasons: true });

describe('feed reducer', () => {
  it('starts from the exercise and the scoreboard', () => {
    const s = initialState(exercise([team(1), team(2)]), [score(2, 40)]);
    expect(s.teams[1]).toMatchObject({ name: 'T1', state: 'DRAFT', score: 0, fired: 0 });
    expect(s.teams[2].score).toBe(40);
  });

  it('follows range and team state events', () => {
    let s = initialState(exercise([team(1), team(2)]));
    s = reduce(s, event('range.provisioning', 1));
    s = reduce(s, event('range.ready', 1));
    s = reduce(s, event('range.failed', 2, { reason: 'image missing' }));
    expect(s.teams[1].state).toBe('READY');
    expect(s.teams[2]).toMatchObject({ state: 'FAILED', reason: 'image missing' });
    s = reduce(s, event('team.started', 1));
    s = reduce(s, event('team.paused', 1));
    expect(s.teams[1].state).toBe('PAUSED');
  });

  it('moves the timeline position and counts alerts', () => {
    let s = initialState(exercise([team(1, 'RUNNING')]));
    s = reduce(s, event('inject.fired', 1, { item: 'implant', scenarioMillis: 60000 }));
    s = reduce(s, event('inject.fired', 1, { item: 'discovery', scenarioMillis: 120000 }));
    s = reduce(s, event('message.sent', 1, { text: 'SOC: beacon seen', severity: 'alert' }));
    s = reduce(s, event('message.sent', 1, { text: 'fyi', severity: 'info' }));
    expect(s.teams[1]).toMatchObject({ lastInject: 'discovery', fired: 2, scenarioMillis: 120000, alerts: 1 });
  });

  it('marks scores stale on scoring events, takes totals from score changes and from the scoreboard', () => {
    let s = initialState(exercise([team(1, 'RUNNING'), team(2, 'RUNNING')]));
    expect(s.scoresStale).toBe(false);
    s = reduce(s, event('finding.accepted', 1, { objective: 'c2', points: 30 }));
    expect(s.scoresStale).toBe(true);
    s = applyScores(s, [score(1, 30), score(2, 5)]);
    expect(s.scoresStale).toBe(false);
    expect([s.teams[1].score, s.teams[2].score]).toEqual([30, 5]);
    s = reduce(s, event('score.changed', 2, { total: 15, delta: 10, part: 'response' }));
    expect(s.teams[2].score).toBe(15);
  });

  it('ignores an event seen before (a replay after a reconnect)', () => {
    let s = initialState(exercise([team(1, 'RUNNING')]));
    const fired = event('inject.fired', 1, { item: 'implant' });
    s = reduce(s, fired);
    const again = reduce(s, fired);
    expect(again).toBe(s);
    expect(again.teams[1].fired).toBe(1);
    expect(again.lastSeq).toBe(fired.seq);
  });

  it('moves running teams with the whole exercise', () => {
    let s = initialState(exercise([team(1, 'RUNNING'), team(2, 'READY')], 'RUNNING'));
    s = reduce(s, event('exercise.state', null, { from: 'running', to: 'paused' }));
    expect(s.exerciseState).toBe('PAUSED');
    expect(s.teams[1].state).toBe('PAUSED');
    expect(s.teams[2].state).toBe('READY');
    s = reduce(s, event('exercise.state', null, { from: 'paused', to: 'torn-down' }));
    expect(s.exerciseState).toBe('TORN_DOWN');
  });

  it('keeps a bounded journal in sequence order', () => {
    let s = initialState(exercise([team(1)]));
    const events = Array.from({ length: JOURNAL_LIMIT + 20 }, () => event('check.result', 1));
    for (const e of [...events].reverse()) s = reduce(s, e);
    expect(s.journal).toHaveLength(JOURNAL_LIMIT);
    expect(s.journal[0].seq).toBe(events[20].seq);
    expect(s.journal.at(-1)!.seq).toBe(events.at(-1)!.seq);
  });

  it('re-bases on a fresh read after a reconnect, keeping what only the feed knew', () => {
    let s = initialState(exercise([team(1, 'RUNNING')]), [score(1, 10)]);
    s = reduce(s, event('inject.fired', 1, { item: 'implant' }));
    s = refresh(s, exercise([team(1, 'PAUSED'), team(2, 'READY')], 'PAUSED'));
    expect(s.teams[1]).toMatchObject({ state: 'PAUSED', lastInject: 'implant', score: 10 });
    expect(s.teams[2].state).toBe('READY');
    s = refresh(s, exercise([team(1, 'PAUSED'), team(2, 'READY')], 'PAUSED'), [score(1, 25)]);
    expect(s.teams[1].score).toBe(25);
  });
});

describe('event data as text', () => {
  it('spells strings, numbers and booleans as String() does and nothing as empty', () => {
    expect([dataText('image missing'), dataText(''), dataText(3), dataText(-1.5), dataText(true)]).toEqual(['image missing', '', '3', '-1.5', 'true']);
    expect([dataText(null), dataText(undefined)]).toEqual(['', '']);
  });

  it('shows an object or array as JSON, not as [object Object]', () => {
    expect(dataText({ team: 2 })).toBe('{"team":2}');
    expect(dataText(['a', 'b'])).toBe('["a","b"]');
  });
});

describe('feed connection', () => {
  it('backs off from one second, doubling, to thirty seconds', () => {
    const mid = () => 0.5;
    expect([0, 1, 2, 3, 4, 5, 6, 10].map((a) => backoff(a, mid))).toEqual([1000, 2000, 4000, 8000, 16000, 30000, 30000, 30000]);
    expect(backoff(0, () => 0)).toBe(800);
    expect(backoff(0, () => 1)).toBe(1200);
  });

  it('builds the feed address for the page scheme', () => {
    expect(feedUrl({ protocol: 'https:', host: 'enshu.example:8443' }, 'ex 1', 2)).toBe('wss://enshu.example:8443/api/feed?exercise=ex+1&team=2');
    expect(feedUrl({ protocol: 'http:', host: '127.0.0.1:8080' }, 'ex1')).toBe('ws://127.0.0.1:8080/api/feed?exercise=ex1');
    // a reconnect resumes after the last event received, or starts afresh when none came
    expect(resumeUrl('ws://h/api/feed?exercise=ex1', 41)).toBe('ws://h/api/feed?exercise=ex1&since=41');
    expect(resumeUrl('ws://h/api/feed?exercise=ex1', null)).toBe('ws://h/api/feed?exercise=ex1');
  });
});
