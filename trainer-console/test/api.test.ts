import { describe, expect, it } from 'vitest';
import { Api, cookieValue, ProblemError, withQuery } from '../src/app/api';

interface Call { url: string; init: RequestInit }

function fakeFetch(answers: Record<string, () => Response>) {
  const calls: Call[] = [];
  // the Api passes its URLs as strings
  const fn = ((input: string | URL, init: RequestInit = {}) => {
    const url = String(input);
    calls.push({ url, init });
    const key = `${init.method ?? 'GET'} ${url}`;
    const answer = answers[key];
    if (!answer) return Promise.resolve(new Response(JSON.stringify({ title: 'Not Found', status: 404, detail: `no fake for ${key}` }), { status: 404, headers: { 'Content-Type': 'application/problem+json' } }));
    return Promise.resolve(answer());
  }) as typeof fetch;
  return { fn, calls };
}

const json = (body: unknown, status = 200) => () =>
  new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });
const header = (c: Call, name: string) => (c.init.headers as Record<string, string>)[name];
/** The error that {@code promise} rejects with, which must be a ProblemError. */
async function problemFrom(promise: Promise<unknown>): Promise<ProblemError> {
  const error = await promise.then((value) => value, (e: unknown) => e);
  expect(error).toBeInstanceOf(ProblemError);
  return error as ProblemError;
}

describe('Api', () => {
  it('sends the XSRF-TOKEN cookie as X-XSRF-TOKEN on unsafe requests only', async () => {
    const { fn, calls } = fakeFetch({
      'GET /api/exercises': json([]),
      'POST /api/exercises/ex1/start?team=2': json({ id: 'ex1' }),
    });
    let cookies = 'JSESSIONID=x; XSRF-TOKEN=abc%3D1';
    const api = new Api({ fetch: fn, cookies: () => cookies });
    await api.exercises();
    await api.lifecycle('ex1', 'start', { team: 2 });
    expect(header(calls[0], 'X-XSRF-TOKEN')).toBeUndefined();
    expect(header(calls[1], 'X-XSRF-TOKEN')).toBe('abc=1');
    cookies = 'XSRF-TOKEN=rotated';
    await api.lifecycle('ex1', 'start', { team: 2 });
    expect(header(calls[2], 'X-XSRF-TOKEN')).toBe('rotated');
  });

  it('asks /api/csrf for a token when no cookie holds one, then sends it', async () => {
    const { fn, calls } = fakeFetch({
      'GET /api/csrf': json({ token: 't-1', headerName: 'X-XSRF-TOKEN' }),
      'POST /api/login': json({ name: 'sato', role: 'trainee', exercise: 'ex1', team: 2, venues: [] }),
    });
    const api = new Api({ fetch: fn, cookies: () => '' });
    const me = await api.login('sato', 'secret');
    expect(me.role).toBe('trainee');
    expect(calls.map((c) => `${c.init.method} ${c.url}`)).toEqual(['GET /api/csrf', 'POST /api/login']);
    expect(header(calls[1], 'X-XSRF-TOKEN')).toBe('t-1');
    expect(JSON.parse(calls[1].init.body as string)).toEqual({ username: 'sato', password: 'secret' });
  });

  it('turns a problem detail into a ProblemError whose message is the detail', async () => {
    const { fn } = fakeFetch({
      'POST /api/exercises/ex1/provision': json({ type: 'about:blank', title: 'Conflict', status: 409, detail: 'exercise ex1 cannot go from running to provisioning' }, 409),
    });
    const api = new Api({ fetch: fn, cookies: () => 'XSRF-TOKEN=a' });
    const error = await problemFrom(api.lifecycle('ex1', 'provision'));
    expect(error.status).toBe(409);
    expect(error.title).toBe('Conflict');
    expect(error.message).toBe('exercise ex1 cannot go from running to provisioning');
  });

  it('maps an error without a problem body to its status text', async () => {
    const { fn } = fakeFetch({ 'GET /api/scenarios': () => new Response('<html>bad gateway</html>', { status: 502, statusText: 'Bad Gateway' }) });
    const error = await problemFrom(new Api({ fetch: fn }).scenarios());
    expect(error.status).toBe(502);
    expect(error.detail).toBe('Bad Gateway');
  });

  it('reports a lost session (401) except on the login and me calls', async () => {
    const unauthorized = json({ title: 'Unauthorized', status: 401, detail: 'log in first' }, 401);
    const { fn } = fakeFetch({ 'GET /api/exercises': unauthorized, 'GET /api/me': unauthorized });
    let lost = 0;
    const api = new Api({ fetch: fn, onUnauthorized: () => lost++ });
    await expect(api.me()).rejects.toThrow('log in first');
    expect(lost).toBe(0);
    await expect(api.exercises()).rejects.toThrow('log in first');
    expect(lost).toBe(1);
  });

  it('answers undefined for 204 and builds the paths and queries of the contract', async () => {
    const { fn, calls } = fakeFetch({
      'POST /api/exercises/ex%201/teams/2/hosts/pc/reset': () => new Response(null, { status: 204 }),
      'GET /api/exercises/ex1/review?team=1&type=inject.fired%2Cmessage.sent': json({ teams: [] }),
      'GET /api/exercises/ex1/journal?team=3&after=41': json([]),
      'POST /api/exercises/ex1/teams/3/timeline/implant/fire': () => new Response(null, { status: 202 }),
      'DELETE /api/online/runs/ex1': () => new Response(null, { status: 204 }),
    });
    const api = new Api({ fetch: fn, cookies: () => 'XSRF-TOKEN=a' });
    expect(await api.resetHost('ex 1', 2, 'pc')).toBeUndefined();
    expect(await api.review('ex1', 1, ['inject.fired', 'message.sent'])).toEqual({ teams: [] });
    expect(await api.journal('ex1', 3, 41)).toEqual([]);
    await api.timelineAction('ex1', 3, 'implant', 'fire');
    await api.stopRun('ex1');
    expect(calls.every((c) => c.init.credentials === 'same-origin')).toBe(true);
  });

  it('reads cookies and builds queries', () => {
    expect(cookieValue('a=1; XSRF-TOKEN=x%20y; b=2', 'XSRF-TOKEN')).toBe('x y');
    expect(cookieValue('a=1', 'XSRF-TOKEN')).toBeNull();
    expect(withQuery('/p', { a: 1, b: undefined, c: '', d: 'x' })).toBe('/p?a=1&d=x');
    expect(withQuery('/p', {})).toBe('/p');
  });
});
