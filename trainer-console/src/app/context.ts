// What every page gets: the API client, the signed-in user, navigation, and a place to register
// what must stop when the page is left (feeds, timers).
import type { Api } from './api';
import type { Route } from './router';
import type { Me } from './types';

export interface Ctx {
  api: Api;
  me: Me;
  navigate(route: Route): void;
  onLeave(cleanup: () => void): void;
}

export function isStaff(me: Me): boolean {
  return me.role === 'instructor' || me.role === 'assistant' || me.role === 'observer';
}

export function consoleUrl(kind: 'terminal' | 'vnc', exercise: string, team: number, host: string): string {
  const q = new URLSearchParams({ exercise, team: String(team), host });
  return `/console/${kind}.html?${q}`;
}

export function observeUrl(session: string): string {
  return `/console/terminal.html?${new URLSearchParams({ session, mode: 'observe', observe: session })}`;
}

export function playbackUrl(recording: string, speed = 4): string {
  return `/console/playback.html?${new URLSearchParams({ recording, speed: String(speed) })}`;
}
