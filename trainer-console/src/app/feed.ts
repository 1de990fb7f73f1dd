// The live feed: journal events over /api/feed folded into the state of the team cards, and a
// connection that reconnects with back-off and has the page re-read the REST API after a gap
// (the server drops clients that read too slowly, so events can be missed).
import { dataText, type Exercise, type JournalEvent, type TeamScore } from './types';

export interface TeamCard {
  number: number;
  name: string;
  venue: string | null;
  state: string;
  reason: string | null;
  score: number;
  /** The last inject that fired, and how many did. */
  lastInject: string | null;
  fired: number;
  /** Scenario milliseconds at the last timeline event seen. */
  scenarioMillis: number | null;
  alerts: number;
}

export interface FeedState {
  exerciseState: string;
  teams: Record<number, TeamCard>;
  /** The latest events, newest last, at most JOURNAL_LIMIT, without duplicates. */
  journal: JournalEvent[];
  lastSeq: number;
  /** Set when an event may change scores that the feed does not carry: re-read the scoreboard. */
  scoresStale: boolean;
}

export const JOURNAL_LIMIT = 300;
const SCORING = new Set([
  'finding.accepted', 'finding.rejected', 'check.result', 'hint.taken', 'report.graded', 'report.submitted',
  'score.adjusted',
  'inject.fired',
]);
const RANGE_STATES: Record<string, string> = {
  'range.provisioning': 'PROVISIONING',
  'range.ready': 'READY',
  'range.failed': 'FAILED',
  'range.destroyed': 'TORN_DOWN',
  'team.started': 'RUNNING',
  'team.resumed': 'RUNNING',
  'team.paused': 'PAUSED',
};

/** The state from what the REST API says now. */
export function initialState(exercise: Exercise, scores: TeamScore[] = [], journal: JournalEvent[] = []): FeedState {
  const teams: Record<number, TeamCard> = {};
  for (const t of exercise.teams) {
    teams[t.number] = {
      number: t.number, name: t.name, venue: t.venue, state: t.state, reason: t.reason,
      score: scores.find((s) => s.team === t.number)?.total ?? 0,
      lastInject: null, fired: 0, scenarioMillis: null, alerts: 0,
    };
  }
  let state: FeedState = {
    exerciseState: exercise.state, teams, journal: [], lastSeq: 0, scoresStale: false,
  };
  for (const e of journal) state = reduce(state, e, false);
  return { ...state, scoresStale: false };
}

/**
 * Re-bases the state on a fresh read of the exercise (and of the scoreboard when given: without
 * it the scores known stay).
 */
export function refresh(state: FeedState, exercise: Exercise, scores?: TeamScore[]): FeedState {
  const fresh = initialState(exercise, scores ?? []);
  const teams: Record<number, TeamCard> = {};
  for (const [n, card] of Object.entries(fresh.teams)) {
    const old = state.teams[Number(n)];
    teams[Number(n)] = old
      ? { ...old, name: card.name, venue: card.venue, state: card.state, reason: card.reason, score: scores ? card.score : old.score }
      : card;
  }
  return { ...state, exerciseState: exercise.state, teams, scoresStale: scores ? false : state.scoresStale };
}

export function applyScores(state: FeedState, scores: TeamScore[]): FeedState {
  const teams = { ...state.teams };
  for (const s of scores) if (teams[s.team]) teams[s.team] = { ...teams[s.team], score: s.total };
  return { ...state, teams, scoresStale: false };
}

function num(v: unknown): number | null {
  return typeof v === 'number' && Number.isFinite(v) ? v : null;
}

/** Folds one event into the state; events seen before (by seq) change nothing. */
export function reduce(state: FeedState, event: JournalEvent, markScores = true): FeedState {
  if (event.seq > 0 && state.journal.some((e) => e.seq === event.seq)) return state;
  const journal = [...state.journal, event].sort((a, b) => a.seq - b.seq).slice(-JOURNAL_LIMIT);
  const next: FeedState = { ...state, journal, lastSeq: Math.max(state.lastSeq, event.seq) };
  const data = event.data || {};
  if (event.type === 'exercise.state' && !event.team && typeof data.to === 'string') {
    next.exerciseState = data.to.toUpperCase().replace('-', '_');
  }
  const card = event.team != null ? state.teams[event.team] : undefined;
  if (card) {
    const c: TeamCard = { ...card };
    const rangeState = RANGE_STATES[event.type];
    if (rangeState) {
      c.state = rangeState;
      c.reason = event.type === 'range.failed' ? dataText(data.reason) : null;
    }
    if (event.type === 'inject.fired') {
      c.lastInject = dataText(data.item ?? data.inject);
      c.fired += 1;
    }
    const millis = num(data.scenarioMillis);
    if (millis !== null) c.scenarioMillis = millis;
    if (event.type === 'message.sent' && data.severity === 'alert') c.alerts += 1;
    if (event.type === 'score.changed' && num(data.total) !== null) c.score = num(data.total)!;
    next.teams = { ...state.teams, [c.number]: c };
  }
  if (event.type === 'exercise.state' && !event.team && typeof data.to === 'string') {
    const to = next.exerciseState;
    if (to === 'RUNNING' || to === 'PAUSED' || to === 'FINISHED') {
      // the whole exercise moved: teams that were following it move with it
      const teams = { ...next.teams };
      for (const [n, t] of Object.entries(teams)) {
        if ((to === 'PAUSED' && t.state === 'RUNNING') || (to === 'FINISHED' && (t.state === 'RUNNING' || t.state === 'PAUSED'))) {
          teams[Number(n)] = { ...t, state: to };
        }
      }
      next.teams = teams;
    }
  }
  if (markScores && SCORING.has(event.type)) next.scoresStale = true;
  return next;
}

/** Milliseconds to wait before reconnect attempt {@code attempt} (0-based): 1 s doubling to 30 s, with jitter. */
export function backoff(attempt: number, random: () => number = Math.random): number {
  const base = Math.min(30_000, 1000 * 2 ** Math.max(0, attempt));
  return Math.round(base * (0.8 + 0.4 * random()));
}

export function feedUrl(loc: { protocol: string; host: string }, exercise: string, team?: number): string {
  const q = new URLSearchParams({ exercise });
  if (team !== undefined) q.set('team', String(team));
  return `${loc.protocol === 'https:' ? 'wss:' : 'ws:'}//${loc.host}/api/feed?${q}`;
}

export interface FeedHandlers {
  onEvent: (event: JournalEvent) => void;
  /**
   * After a reconnect before any event arrived: what was missed cannot be replayed; re-read from
   * the REST API. Once an event arrived, a reconnect resumes after it (`since`) instead.
   */
  onResync: () => void;
  onStatus?: (connected: boolean) => void;
}

/** The URL a feed reconnects to: resuming after the last event it received, when it has one. */
export function resumeUrl(url: string, lastSeq: number | null): string {
  return lastSeq === null ? url : `${url}&since=${lastSeq}`;
}

/** A feed connection that keeps reconnecting until closed. */
export class Feed {
  private socket: WebSocket | null = null;
  private attempt = 0;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private closed = false;
  private opened = false;
  private lastSeq: number | null = null;

  constructor(private readonly url: string, private readonly handlers: FeedHandlers) {
    this.connect();
  }

  private connect(): void {
    // the server replays what was stored after the last event received, then goes live
    const resuming = this.lastSeq !== null;
    const ws = new WebSocket(resumeUrl(this.url, this.lastSeq));
    this.socket = ws;
    ws.onopen = () => {
      this.attempt = 0;
      this.handlers.onStatus?.(true);
      if (this.opened && !resuming) this.handlers.onResync();
      this.opened = true;
    };
    ws.onmessage = (e: MessageEvent) => {
      if (typeof e.data !== 'string') return;
      let event: JournalEvent;
      try {
        event = JSON.parse(e.data) as JournalEvent;
      } catch {
        return; // not an event: ignore
      }
      // never twice, even if a replay and the live stream overlap
      if (this.lastSeq !== null && event.seq <= this.lastSeq) return;
      this.lastSeq = event.seq;
      this.handlers.onEvent(event);
    };
    ws.onclose = () => {
      this.handlers.onStatus?.(false);
      if (this.closed) return;
      this.opened = true; // the next open is a reconnect, even if the first never opened
      this.timer = setTimeout(() => this.connect(), backoff(this.attempt++));
    };
  }

  close(): void {
    this.closed = true;
    if (this.timer) clearTimeout(this.timer);
    this.socket?.close();
  }
}
