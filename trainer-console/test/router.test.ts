import { describe, expect, it } from 'vitest';
import { allowed, hrefOf, landing, parseRoute, type Route } from '../src/app/router';
import type { Me } from '../src/app/types';

const me = (role: Me['role'], exercise = '', team = 0): Me => ({ name: 'x', role, exercise, team, venues: [] });

describe('router', () => {
  it('parses every page', () => {
    expect(parseRoute('')).toEqual({ page: 'landing' });
    expect(parseRoute('#/')).toEqual({ page: 'landing' });
    expect(parseRoute('#/login')).toEqual({ page: 'login' });
    expect(parseRoute('#/exercises')).toEqual({ page: 'exercises' });
    expect(parseRoute('#/exercises/ex-1/')).toEqual({ page: 'exercise', id: 'ex-1' });
    expect(parseRoute('#/exercises/ex-1/teams/2')).toEqual({ page: 'team', id: 'ex-1', team: 2 });
    expect(parseRoute('#/workspace')).toEqual({ page: 'workspace' });
    expect(parseRoute('#/workspace/run-7/1')).toEqual({ page: 'workspace', id: 'run-7', team: 1 });
    expect(parseRoute('#/scoreboard/ex1')).toEqual({ page: 'scoreboard', id: 'ex1' });
    expect(parseRoute('#/review/ex%201')).toEqual({ page: 'review', id: 'ex 1' });
    expect(parseRoute('#/online')).toEqual({ page: 'online' });
    expect(parseRoute('#/users')).toEqual({ page: 'users' });
  });

  it('refuses malformed paths', () => {
    expect(parseRoute('#/exercises/ex1/teams/two').page).toBe('notFound');
    expect(parseRoute('#/nothing').page).toBe('notFound');
    expect(parseRoute('#/scoreboard').page).toBe('notFound');
  });

  it('round-trips every route through its href', () => {
    const routes: Route[] = [
      { page: 'exercises' }, { page: 'exercise', id: 'a b' }, { page: 'team', id: 'e', team: 3 }, { page: 'workspace' },
      { page: 'workspace', id: 'r', team: 1 }, { page: 'scoreboard', id: 'e' }, { page: 'review', id: 'e' },
      { page: 'online' }, { page: 'users' }, { page: 'login' },
    ];
    for (const r of routes) expect(parseRoute(hrefOf(r))).toEqual(r);
  });

  it('lands each role on its page', () => {
    expect(landing(me('instructor'))).toEqual({ page: 'exercises' });
    expect(landing(me('observer'))).toEqual({ page: 'exercises' });
    expect(landing(me('assistant', 'ex1'))).toEqual({ page: 'exercise', id: 'ex1' });
    expect(landing(me('assistant'))).toEqual({ page: 'exercises' });
    expect(landing(me('trainee', 'ex1', 2))).toEqual({ page: 'workspace' });
    expect(landing(me('trainee'))).toEqual({ page: 'online' });
  });

  it('keeps trainees out of the staff pages and others out of the accounts page', () => {
    expect(allowed({ page: 'exercise', id: 'e' }, me('trainee', 'e', 1))).toBe(false);
    expect(allowed({ page: 'scoreboard', id: 'e' }, me('trainee', 'e', 1))).toBe(true);
    expect(allowed({ page: 'users' }, me('assistant'))).toBe(false);
    expect(allowed({ page: 'users' }, me('instructor'))).toBe(true);
    expect(allowed({ page: 'workspace' }, me('instructor'))).toBe(false);
    expect(allowed({ page: 'workspace', id: 'e', team: 1 }, me('instructor'))).toBe(true);
  });
});
