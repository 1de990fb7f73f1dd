// The orchestrator's REST API: JSON in and out, the CSRF token on every unsafe request, RFC 9457
// problem details turned into ProblemError (whose detail is what the user reads).
import type {
  ConsoleSession, Exercise, JournalEvent, LoginOptions, Me, OnlineRun, Review, Scenario, TeamScore,
  Timeline, Topology, User, Workspace,
} from './types';

export class ProblemError extends Error {
  constructor(
    readonly status: number,
    readonly title: string,
    readonly detail: string,
    readonly type = 'about:blank',
  ) {
    super(detail || title || `HTTP ${status}`);
    this.name = 'ProblemError';
  }
}

export const CSRF_COOKIE = 'XSRF-TOKEN';
export const CSRF_HEADER = 'X-XSRF-TOKEN';

export interface ApiOptions {
  fetch?: typeof fetch;
  /** The document's cookies ("a=1; b=2"); read on every request, as the server may rotate the token. */
  cookies?: () => string;
  /** Called on a 401 answer (the session is gone): the app goes to the login page. */
  onUnauthorized?: () => void;
}

type Query = Record<string, string | number | undefined | null>;

export function cookieValue(cookies: string, name: string): string | null {
  for (const part of cookies.split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return decodeURIComponent(part.slice(eq + 1).trim());
  }
  return null;
}

export function withQuery(path: string, query?: Query): string {
  if (!query) return path;
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) if (v !== undefined && v !== null && v !== '') q.set(k, String(v));
  const s = q.toString();
  return s ? `${path}?${s}` : path;
}

/** Turns a failed response into a ProblemError, reading a problem-details body when there is one. */
export async function problemOf(response: Response): Promise<ProblemError> {
  const text = await response.text().catch(() => '');
  type Body = { type?: string; title?: string; detail?: string };
  let body: Body = {};
  try {
    body = text ? (JSON.parse(text) as Body) : {};
  } catch {
    body = {};
  }
  const title = body.title || response.statusText || `HTTP ${response.status}`;
  return new ProblemError(response.status, title, body.detail || title, body.type);
}

const enc = encodeURIComponent;

export class Api {
  private readonly fetchFn: typeof fetch;
  private readonly cookies: () => string;
  private readonly onUnauthorized: () => void;
  private token: string | null = null;

  constructor(options: ApiOptions = {}) {
    this.fetchFn = options.fetch ?? ((input, init) => fetch(input, init));
    this.cookies = options.cookies ?? (() => (typeof document === 'undefined' ? '' : document.cookie));
    this.onUnauthorized = options.onUnauthorized ?? (() => {});
  }

  /** Sends one request; unsafe methods carry the CSRF token (fetched once when no cookie has it yet). */
  async request<T>(method: string, path: string, body?: unknown, query?: Query): Promise<T> {
    const unsafe = !['GET', 'HEAD', 'OPTIONS'].includes(method);
    const headers: Record<string, string> = { Accept: 'application/json, application/problem+json' };
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    if (unsafe) {
      const token = cookieValue(this.cookies(), CSRF_COOKIE) ?? this.token ?? (await this.fetchCsrf());
      if (token) headers[CSRF_HEADER] = token;
    }
    const response = await this.fetchFn(withQuery(path, query), {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      credentials: 'same-origin',
    });
    if (!response.ok) {
      const problem = await problemOf(response);
      if (response.status === 401 && path !== '/api/login' && path !== '/api/me') this.onUnauthorized();
      throw problem;
    }
    if (response.status === 204) return undefined as T;
    const text = await response.text();
    if (!text) return undefined as T;
    const type = response.headers.get('Content-Type') || '';
    return (type.includes('json') ? JSON.parse(text) : text) as T;
  }

  private async fetchCsrf(): Promise<string | null> {
    try {
      const answer = await this.request<{ token: string }>('GET', '/api/csrf');
      this.token = answer?.token ?? null;
    } catch {
      this.token = null; // a server without CSRF protection: send nothing
    }
    return cookieValue(this.cookies(), CSRF_COOKIE) ?? this.token;
  }

  get<T>(path: string, query?: Query) { return this.request<T>('GET', path, undefined, query); }
  post<T>(path: string, body?: unknown, query?: Query) { return this.request<T>('POST', path, body, query); }
  del<T>(path: string) { return this.request<T>('DELETE', path); }

  // authentication
  loginOptions() { return this.get<LoginOptions>('/api/login/options'); }
  async login(username: string, password: string) {
    await this.fetchCsrf();
    return this.post<Me>('/api/login', { username, password });
  }
  logout() { return this.post<void>('/api/logout'); }
  me() { return this.get<Me>('/api/me'); }

  // users
  users() { return this.get<User[]>('/api/users'); }
  createUser(user: Partial<User> & { name: string; role: string }) { return this.post<User & { password: string }>('/api/users', user); }
  deleteUser(name: string) { return this.del<void>(`/api/users/${enc(name)}`); }
  setOnline(name: string, allowed: boolean) { return this.post<User>(`/api/users/${enc(name)}/online`, undefined, { allowed: String(allowed) }); }
  resetPassword(name: string) { return this.post<{ password: string }>(`/api/users/${enc(name)}/password`); }

  // exercises
  scenarios() { return this.get<Scenario[]>('/api/scenarios'); }
  exercises() { return this.get<Exercise[]>('/api/exercises'); }
  exercise(id: string) { return this.get<Exercise>(`/api/exercises/${enc(id)}`); }
  createExercise(request: { scenario: string; id?: string; mode?: string; speed?: number; seed?: number }) {
    return this.post<Exercise>('/api/exercises', request);
  }
  addVenue(id: string, venue: { id: string; name: string }) { return this.post<Exercise>(`/api/exercises/${enc(id)}/venues`, venue); }
  addTeam(id: string, team: { name: string; venue?: string; members: string[] }) {
    return this.post<Exercise>(`/api/exercises/${enc(id)}/teams`, team);
  }
  /** provision, start, pause, resume, finish or teardown; start/pause/resume for one team or venue. */
  lifecycle(id: string, action: string, scope: { team?: number; venue?: string } = {}) {
    return this.post<Exercise>(`/api/exercises/${enc(id)}/${action}`, undefined, scope);
  }
  resetHost(id: string, team: number, host: string) {
    return this.post<void>(`/api/exercises/${enc(id)}/teams/${team}/hosts/${enc(host)}/reset`);
  }

  // a team
  private team(id: string, team: number) { return `/api/exercises/${enc(id)}/teams/${team}`; }
  timeline(id: string, team: number) { return this.get<Timeline>(`${this.team(id, team)}/timeline`); }
  /** fire, skip or refire a timeline item. */
  timelineAction(id: string, team: number, item: string, action: 'fire' | 'skip' | 'refire') {
    return this.post<void>(`${this.team(id, team)}/timeline/${enc(item)}/${action}`);
  }
  topology(id: string, team: number) { return this.get<Topology>(`${this.team(id, team)}/topology`); }
  workspace(id: string, team: number) { return this.get<Workspace>(`${this.team(id, team)}/workspace`); }
  sendMessage(id: string, team: number, text: string, severity: 'info' | 'alert') {
    return this.post<JournalEvent>(`${this.team(id, team)}/messages`, { text, severity });
  }
  submitFinding(id: string, team: number, finding: { objective: string; answer: string; note: string }) {
    return this.post<{ outcome: string; points: number; reason: string }>(`${this.team(id, team)}/findings`, finding);
  }
  takeHint(id: string, team: number, hint: string) { return this.post<unknown>(`${this.team(id, team)}/hints/${enc(hint)}`); }
  submitReport(id: string, team: number, sections: Record<string, string>) {
    return this.post<void>(`${this.team(id, team)}/report`, sections);
  }
  report(id: string, team: number) {
    return this.get<{ report: { sections: Record<string, string> } | null; grades: Record<string, { scores: Record<string, number>; feedback: string }> }>(`${this.team(id, team)}/report`);
  }
  grade(id: string, team: number, scores: Record<string, number>, feedback: string) {
    return this.post<void>(`${this.team(id, team)}/report/grades`, { scores, feedback });
  }
  /** An instructor's change of the team's score, with the reason (journalled, shown in the review). */
  adjustScore(id: string, team: number, points: number, reason: string) {
    return this.post<JournalEvent>(`${this.team(id, team)}/adjustments`, { points, reason });
  }

  // scores, journal, review
  scoreboard(id: string) { return this.get<TeamScore[]>(`/api/exercises/${enc(id)}/scoreboard`); }
  journal(id: string, team?: number, after?: number) {
    return this.get<JournalEvent[]>(`/api/exercises/${enc(id)}/journal`, { team, after });
  }
  review(id: string, team?: number, types?: string[]) {
    return this.get<Review>(`/api/exercises/${enc(id)}/review`, { team, type: types && types.length ? types.join(',') : undefined });
  }

  // consoles
  consoleSessions(exercise: string) { return this.get<ConsoleSession[]>('/api/console/sessions', { exercise }); }

  // online runs
  onlineRuns() { return this.get<OnlineRun[]>('/api/online/runs'); }
  startRun(scenario: string) { return this.post<{ exercise: string; team: number }>('/api/online/runs', { scenario }); }
  stopRun(exercise: string) { return this.del<void>(`/api/online/runs/${enc(exercise)}`); }
}
