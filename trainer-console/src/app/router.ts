// Hash routes (#/exercises/ex1/teams/2) to pages, and where each role lands after login.
import type { Me } from './types';

export type Route =
  | { page: 'login' }
  | { page: 'exercises' }
  | { page: 'exercise'; id: string }
  | { page: 'team'; id: string; team: number }
  | { page: 'workspace'; id?: string; team?: number }
  | { page: 'online' }
  | { page: 'users' }
  | { page: 'scoreboard'; id: string }
  | { page: 'review'; id: string }
  | { page: 'notFound'; path: string };

/** Parses a location hash ("#/exercises/ex1"); an empty hash is the landing page ("/"). */
export function parseRoute(hash: string): Route | { page: 'landing' } {
  const path = hash.replace(/^#/, '').replace(/\/+$/, '') || '/';
  const parts = path.split('/').filter(Boolean).map(decodeURIComponent);
  const number = (s: string | undefined) => (s && /^\d+$/.test(s) ? Number(s) : NaN);
  if (parts.length === 0) return { page: 'landing' };
  const [head, a, b, c] = parts;
  switch (head) {
    case 'login':
      if (parts.length === 1) return { page: 'login' };
      break;
    case 'exercises':
      if (parts.length === 1) return { page: 'exercises' };
      if (parts.length === 2) return { page: 'exercise', id: a };
      if (parts.length === 4 && b === 'teams' && !Number.isNaN(number(c))) return { page: 'team', id: a, team: number(c) };
      break;
    case 'workspace':
      if (parts.length === 1) return { page: 'workspace' };
      if (parts.length === 3 && !Number.isNaN(number(b))) return { page: 'workspace', id: a, team: number(b) };
      break;
    case 'online':
      if (parts.length === 1) return { page: 'online' };
      break;
    case 'users':
      if (parts.length === 1) return { page: 'users' };
      break;
    case 'scoreboard':
    case 'review':
      if (parts.length === 2) return { page: head, id: a };
      break;
  }
  return { page: 'notFound', path };
}

export function hrefOf(route: Route): string {
  const e = encodeURIComponent;
  switch (route.page) {
    case 'exercise': return `#/exercises/${e(route.id)}`;
    case 'team': return `#/exercises/${e(route.id)}/teams/${route.team}`;
    case 'workspace': return route.id ? `#/workspace/${e(route.id)}/${route.team}` : '#/workspace';
    case 'scoreboard': return `#/scoreboard/${e(route.id)}`;
    case 'review': return `#/review/${e(route.id)}`;
    case 'notFound': return '#/';
    default: return `#/${route.page}`;
  }
}

/** Where a user goes after login: staff to the exercises, a trainee to their team or the online page. */
export function landing(me: Me): Route {
  switch (me.role) {
    case 'trainee':
      return me.exercise && me.team ? { page: 'workspace' } : { page: 'online' };
    case 'assistant':
      return me.exercise ? { page: 'exercise', id: me.exercise } : { page: 'exercises' };
    default:
      return { page: 'exercises' };
  }
}

/** Whether a role may open a page at all (the server decides on the data; this only avoids dead ends). */
export function allowed(route: Route, me: Me): boolean {
  switch (route.page) {
    case 'users': return me.role === 'instructor';
    case 'exercises': case 'exercise': case 'team': return me.role !== 'trainee';
    case 'workspace': return me.role === 'trainee' || route.id !== undefined;
    default: return true;
  }
}
