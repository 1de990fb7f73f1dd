// Japanese and English: every visible string goes through t(); the choice is kept in localStorage.
import { en } from './messages/en';
import { ja } from './messages/ja';
import type { Localized } from './types';

export type Lang = 'ja' | 'en';
export const catalogues: Record<Lang, Record<string, string>> = { ja, en };
export const LANGS: Lang[] = ['ja', 'en'];
const STORAGE_KEY = 'enshu.lang';

let current: Lang = 'ja';

export function lang(): Lang {
  return current;
}

/** Japanese unless the user chose English before. */
export function initLang(storage: Pick<Storage, 'getItem'> | null = globalThis.localStorage ?? null): Lang {
  const saved = storage?.getItem(STORAGE_KEY);
  current = saved === 'en' || saved === 'ja' ? saved : 'ja';
  return current;
}

export function setLang(next: Lang, storage: Pick<Storage, 'setItem'> | null = globalThis.localStorage ?? null): void {
  current = next;
  storage?.setItem(STORAGE_KEY, next);
  if (typeof document !== 'undefined') document.documentElement.lang = next;
}

/** The message for {@code key} with {name} placeholders filled; an unknown key shows as itself. */
export function t(key: string, params: Record<string, string | number> = {}): string {
  const text = catalogues[current][key] ?? catalogues.ja[key] ?? key;
  return text.replace(/\{(\w+)\}/g, (m, name: string) => (name in params ? String(params[name]) : m));
}

/** A text the server gives in both languages, in the current one (else the other). */
export function localized(text: Localized): string {
  if (!text) return '';
  if (typeof text === 'string') return text;
  return text[current] ?? text[current === 'ja' ? 'en' : 'ja'] ?? '';
}

/** Scenario time as h:mm:ss. */
export function formatDuration(millis: number | null | undefined): string {
  if (millis === null || millis === undefined || !Number.isFinite(millis)) return '–';
  const total = Math.floor(Math.max(0, millis) / 1000);
  const hh = Math.floor(total / 3600);
  const mm = Math.floor((total % 3600) / 60);
  const ss = total % 60;
  return `${hh}:${String(mm).padStart(2, '0')}:${String(ss).padStart(2, '0')}`;
}

/** Points with a sign: +5, −3, 0. */
export function formatPoints(points: number): string {
  if (points > 0) return `+${points}`;
  if (points < 0) return `−${Math.abs(points)}`;
  return '0';
}

/** A wall-clock time in the current language's conventions (local time zone). */
export function formatTime(iso: string | null | undefined, timeZone?: string): string {
  if (!iso) return '–';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return new Intl.DateTimeFormat(current === 'ja' ? 'ja-JP' : 'en-GB', {
    hour: '2-digit', minute: '2-digit', second: '2-digit', hour12: false, timeZone,
  }).format(date);
}

export function formatDateTime(iso: string | null | undefined, timeZone?: string): string {
  if (!iso) return '–';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return new Intl.DateTimeFormat(current === 'ja' ? 'ja-JP' : 'en-GB', {
    year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hour12: false, timeZone,
  }).format(date);
}

/** Label of a journal event type, falling back to the type itself for types without one. */
export function eventLabel(type: string): string {
  const key = `event.${type}`;
  return key in catalogues[current] ? t(key) : type;
}
