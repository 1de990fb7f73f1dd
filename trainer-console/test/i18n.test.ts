import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  catalogues, eventLabel, formatDuration, formatPoints, formatTime, initLang, lang, localized, setLang, t,
} from '../src/app/i18n';

const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? sources(path) : path.endsWith('.ts') ? [path] : [];
  });
}

describe('catalogues', () => {
  afterEach(() => setLang('ja', null));

  it('have the same keys in Japanese and English', () => {
    expect(Object.keys(catalogues.ja).sort()).toEqual(Object.keys(catalogues.en).sort());
  });

  it('have no empty message and the same placeholders in both languages', () => {
    for (const key of Object.keys(catalogues.en)) {
      expect(catalogues.en[key].trim(), key).not.toBe('');
      expect(catalogues.ja[key].trim(), key).not.toBe('');
      expect(placeholders(catalogues.ja[key]), key).toEqual(placeholders(catalogues.en[key]));
    }
  });

  it('hold every key the pages and consoles name literally', () => {
    const used = new Set<string>();
    for (const file of sources(join(import.meta.dirname, '../src'))) {
      const text = readFileSync(file, 'utf8');
      for (const m of text.matchAll(/\bt\('([a-zA-Z][\w.-]*)'/g)) used.add(m[1]);
      for (const m of text.matchAll(/\[((?:'[a-z]+\.[\w.]+',?\s*)+)\]\s*\.map\(\(k\)/g)) {
        for (const k of m[1].matchAll(/'([^']+)'/g)) used.add(k[1]);
      }
    }
    expect(used.size).toBeGreaterThan(100);
    const missing = [...used].filter((k) => !(k in catalogues.ja) || !(k in catalogues.en));
    expect(missing).toEqual([]);
  });

  it('name every value the server sends for states, roles, modes, hosts and score parts', () => {
    const families: Record<string, string[]> = {
      state: ['draft', 'provisioning', 'ready', 'running', 'paused', 'finished', 'torn-down', 'failed'],
      role: ['instructor', 'assistant', 'trainee', 'observer'],
      mode: ['central', 'satellite', 'online'],
      host: ['running', 'stopped', 'missing', 'unknown'],
      score: ['detection', 'response', 'service', 'report', 'penalties'],
      finding: ['accepted', 'rejected', 'ignored'],
      'timeline.state': ['pending', 'inject.fired', 'message.sent', 'timeline.skipped'],
      timeline: ['inject', 'message'],
    };
    for (const [family, values] of Object.entries(families)) {
      for (const v of values) expect(catalogues.ja, `${family}.${v}`).toHaveProperty([`${family}.${v}`]);
    }
  });
});

describe('t and formatting', () => {
  afterEach(() => setLang('ja', null));

  it('defaults to Japanese and keeps the choice', () => {
    const store = new Map<string, string>();
    const storage = { getItem: (k: string) => store.get(k) ?? null, setItem: (k: string, v: string) => void store.set(k, v) };
    expect(initLang(storage)).toBe('ja');
    expect(t('login.submit')).toBe('ログイン');
    setLang('en', storage);
    expect(t('login.submit')).toBe('Log in');
    setLang('ja', null);
    expect(initLang(storage)).toBe('en');
    expect(lang()).toBe('en');
  });

  it('fills placeholders and shows unknown keys as themselves', () => {
    setLang('en', null);
    expect(t('team.label', { team: 3, name: 'Blue' })).toBe('Team 3: Blue');
    expect(t('team.label', { team: 3 })).toBe('Team 3: {name}');
    expect(t('no.such.key')).toBe('no.such.key');
  });

  it('picks the current language of a server text, else the other', () => {
    setLang('en', null);
    expect(localized({ ja: '演習', en: 'Exercise' })).toBe('Exercise');
    expect(localized({ ja: '演習' })).toBe('演習');
    expect(localized('plain')).toBe('plain');
    expect(localized(null)).toBe('');
  });

  it('formats scenario time, points and clock times', () => {
    expect(formatDuration(0)).toBe('0:00:00');
    expect(formatDuration(3_723_999)).toBe('1:02:03');
    expect(formatDuration(null)).toBe('–');
    expect(formatPoints(5)).toBe('+5');
    expect(formatPoints(-3)).toBe('−3');
    expect(formatPoints(0)).toBe('0');
    expect(formatTime('2026-04-01T01:02:03Z', 'UTC')).toBe('01:02:03');
    expect(formatTime('2026-04-01T01:02:03Z', 'Asia/Tokyo')).toBe('10:02:03');
    expect(formatTime('not a time')).toBe('not a time');
  });

  it('labels known event types and leaves others as they are', () => {
    setLang('en', null);
    expect(eventLabel('inject.fired')).toBe('Inject fired');
    expect(eventLabel('something.new')).toBe('something.new');
  });
});
