// A small element builder: text always goes in as text (never as HTML), handlers as listeners.
import { ProblemError } from './api';
import { t } from './i18n';

export type Child = Node | string | number | null | undefined | false | Child[];
// A handler may be async: the listener starts it and returns, as the DOM ignores what a listener
// returns (the actions report their own failures, see run()).
type Value = string | number | boolean | null | undefined | ((e: Event) => void | Promise<void>);

export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K, attrs: Record<string, Value> = {}, ...children: Child[]
): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === undefined || v === null || v === false) continue;
    if (typeof v === 'function') el.addEventListener(k.replace(/^on/, ''), (e) => void v(e));
    else if (k === 'value') (el as HTMLInputElement).value = String(v);
    else if (k === 'checked') (el as HTMLInputElement).checked = Boolean(v);
    else el.setAttribute(k, v === true ? '' : String(v));
  }
  append(el, children);
  return el;
}

export function append(el: Element, children: Child[]): void {
  for (const c of children) {
    if (c === null || c === undefined || c === false) continue;
    if (Array.isArray(c)) append(el, c);
    else el.append(c instanceof Node ? c : String(c));
  }
}

/**
 * Submits a form with an async action instead of the browser's own submission: the listener
 * cancels the default, starts the action and returns (as in h(), the action reports its own
 * failures).
 */
export function onSubmit(form: HTMLFormElement, action: () => Promise<void>): void {
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    void action();
  });
}

export function replace(el: Element, ...children: Child[]): void {
  el.replaceChildren();
  append(el, children);
}

export function messageOf(error: unknown): string {
  if (error instanceof ProblemError) return error.detail;
  if (error instanceof Error) return error.message;
  return String(error);
}

/** Shows an outcome in a live region: an error as an alert, anything else as a status. */
export function say(region: Element | null, text: string, kind: 'ok' | 'error' = 'ok'): void {
  if (!region) return;
  region.setAttribute('role', kind === 'error' ? 'alert' : 'status');
  region.className = `notice ${kind}`;
  region.textContent = text;
}

/**
 * Runs an action from a button or form: disables it while running, shows the problem's detail in
 * {@code region} when it fails. Resolves to the action's result, or undefined after a failure.
 */
export async function run<T>(control: HTMLElement | null, region: Element | null, action: () => Promise<T>,
  done?: string): Promise<T | undefined> {
  const button = control as HTMLButtonElement | null;
  if (button) button.disabled = true;
  try {
    const result = await action();
    if (done) say(region, done);
    else if (region) { region.textContent = ''; region.className = 'notice'; }
    return result;
  } catch (e) {
    say(region, messageOf(e), 'error');
    return undefined;
  } finally {
    if (button) button.disabled = false;
  }
}

export function field(label: string, input: HTMLElement): HTMLElement {
  const id = input.id || `f-${Math.random().toString(36).slice(2, 9)}`;
  input.id = id;
  return h('div', { class: 'field' }, h('label', { for: id }, label), input);
}

export function notice(): HTMLElement {
  return h('p', { class: 'notice', 'aria-live': 'polite' });
}

export function section(title: string, ...children: Child[]): HTMLElement {
  const id = `h-${Math.random().toString(36).slice(2, 9)}`;
  return h('section', { 'aria-labelledby': id }, h('h2', { id }, title), ...children);
}

export function stateBadge(state: string): HTMLElement {
  const key = state.toLowerCase().replace('_', '-');
  return h('span', { class: `badge state-${key}` }, t(`state.${key}`));
}
