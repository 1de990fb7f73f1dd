// What the orchestrator's API answers (see the API contract in the report and the controllers).
export type Role = 'instructor' | 'assistant' | 'trainee' | 'observer';
export type Localized = { ja?: string; en?: string } | string | null | undefined;

export interface Me { name: string; role: Role; exercise: string; team: number; venues: string[] }
/** An account; `online`: may start online runs (trainees and instructors only, when allowed). */
export interface User { name: string; role: Role; exercise: string; team: number; venues: string[]; online: boolean }
export interface LoginOptions { password: boolean; oidc: { id: string; name: string; url: string }[] }

export interface Scenario {
  id: string; title: Localized; level: string; durationMinutes: number; briefing: Localized; template: string;
}
export interface Venue { id: string; name: string }
export interface Team {
  number: number; name: string; venue: string | null; members: string[]; state: string; reason: string | null;
  addressBlock: string | null; startedAt: string | null; pausedAt: string | null; pausedMillis: number;
}
export interface Exercise {
  id: string; scenario: string; title?: Localized; mode: string; speed: number; state: string; reason: string | null;
  createdAt?: string; venues: Venue[]; teams: Team[];
}
export interface JournalEvent {
  seq: number; exerciseId: string; team: number | null; at: string; type: string; actor: string;
  data: Record<string, unknown>;
}
/**
 * A value of an event's data as text: strings, numbers and booleans as String() spells them, ''
 * for none. An object or array (the server sends none where the console reads text) comes out as
 * JSON rather than '[object Object]'.
 */
export function dataText(value: unknown): string {
  if (value === undefined || value === null) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return JSON.stringify(value);
}
export interface TimelineItem {
  item: string; kind: string; at: string | null; after: string | null; state: string; scenarioMillis?: number;
}
export interface Timeline { exercise: string; team: number; scenarioMillis: number | null; items: TimelineItem[] }
/**
 * A team's line of the scoreboard. `reasons` is false for a team whose reasons the caller may not
 * know (a trainee looking at another team): then `points`, `overTime` and `flags` are empty.
 */
export interface TeamScore {
  team: number; total: number; breakdown: Record<string, number>;
  points: { category: string; points: number; seq: number; at: string; reason: string }[];
  overTime: { at: string; total: number }[]; flags: string[]; reasons: boolean;
}
export interface Segment { id: string; cidr: string; purpose: string; name: Localized }
export interface Host {
  id: string; role: string; segments: string[]; addresses: Record<string, string>; state: string;
  console: 'terminal' | 'vnc' | 'guacamole' | 'none'; router: boolean;
}
export interface Topology { segments: Segment[]; hosts: Host[] }
export interface Workspace {
  exercise: { id: string; title: Localized; state: string; mode: string };
  team: { number: number; name: string; state: string; scenarioTime: number | string | null };
  briefing: Localized;
  hosts: Host[];
  messages: JournalEvent[];
  objectives: { id: string; question: Localized; attemptsLeft: number | null; answered: boolean }[];
  findings: JournalEvent[];
  hints: { id: string; title: Localized; cost: number; taken: boolean; text: Localized }[];
  report: { sections: { id: string; title: Localized }[]; submitted: { sections?: Record<string, string> } | null };
  score: { total: number; parts: Record<string, number> };
}
export interface ConsoleSession {
  session: string; transport: string; exercise: string; team: number; host: string; owner: string;
  start: string; lastInput: string; viewers: string[]; controlGrants: string[];
}
export interface Review { teams: { number: number; name: string; events: JournalEvent[] }[] }
export interface OnlineRun { exercise: string; team: number; scenario: string; state: string; idleDeadline: string | null }
