// The trainee's page: briefing, hosts and their consoles, messages and alerts (live), findings per
// objective, hints, the report form and the team's own score.
import type { Ctx } from '../context';
import { field, h, notice, onSubmit, replace, run, say, section, stateBadge } from '../dom';
import { Feed, feedUrl } from '../feed';
import { formatDuration, formatPoints, formatTime, localized, t } from '../i18n';
import { summary } from '../journal';
import { hrefOf } from '../router';
import { dataText, type JournalEvent, type Workspace } from '../types';
import { diagram, hostTable } from './hosts';

/**
 * A scenario time as the server gives it: milliseconds, an ISO-8601 duration such as PT1H5M, or
 * the scenarios' own shorthand such as 1h5m or 90s.
 */
export function millisOf(value: number | string | null | undefined): number | null {
  if (typeof value === 'number') return value;
  if (typeof value !== 'string') return null;
  const m = /^(?:PT)?(?:(\d+(?:\.\d+)?)h)?(?:(\d+(?:\.\d+)?)m)?(?:(\d+(?:\.\d+)?)s)?$/i.exec(value.trim());
  if (!m || !(m[1] || m[2] || m[3])) return null;
  return ((Number(m[1] || 0) * 60 + Number(m[2] || 0)) * 60 + Number(m[3] || 0)) * 1000;
}

export async function workspacePage(ctx: Ctx, main: HTMLElement, id: string, number: number): Promise<void> {
  const api = ctx.api;
  if (!id || !number) {
    main.append(h('h1', {}, t('workspace.title')), h('p', {}, t('workspace.noTeam')), h('a', { href: '#/online' }, t('nav.online')));
    return;
  }
  let ws: Workspace = await api.workspace(id, number);
  const status = notice();
  const score = h('div', { class: 'own-score', 'aria-live': 'polite' });
  const messages = h('ol', { class: 'messages', reversed: true });
  const alert = h('div', { class: 'sr-only', 'aria-live': 'assertive' });
  const findings = h('div');
  const hints = h('div');
  const report = h('div');
  const hosts = h('div');
  const seen = new Set<number>();

  function renderScore(): void {
    replace(score, h('p', { class: 'total' }, t('workspace.score'), ' ', h('strong', { 'data-score': ws.score.total }, ws.score.total)),
      h('ul', { class: 'parts' }, ...Object.entries(ws.score.parts || {}).map(([k, v]) => h('li', {}, `${t(`score.${k}`)}: ${v}`))));
  }

  function addMessage(e: JournalEvent, announce: boolean): void {
    if (seen.has(e.seq)) return;
    seen.add(e.seq);
    const severity = e.data.severity === 'alert' ? 'alert' : 'info';
    messages.prepend(h('li', { class: `message ${severity}`, 'data-seq': e.seq },
      h('time', { datetime: e.at }, formatTime(e.at)), ' ',
      severity === 'alert' ? h('strong', {}, t('message.alert')) : null, ' ',
      dataText(e.data.text ?? localized(e.data.title as never) ?? summary(e)),
      e.data.from ? h('span', { class: 'from' }, ` — ${dataText(e.data.from)}`) : null));
    if (announce) alert.textContent = `${severity === 'alert' ? t('message.alert') : t('message.info')}: ${dataText(e.data.text)}`;
  }

  const verdict = notice(); // outside the findings, which are drawn again after each answer
  verdict.dataset.verdict = '';
  function renderFindings(): void {
    const open = ws.objectives.filter((o) => !o.answered && (o.attemptsLeft === null || o.attemptsLeft > 0));
    const objective = h('select', { name: 'objective', required: true }, ...open.map((o) => h('option', { value: o.id },
      `${localized(o.question)}${o.attemptsLeft !== null ? ` (${t('finding.attempts', { count: o.attemptsLeft })})` : ''}`)));
    const answer = h('input', { name: 'answer', required: true, autocomplete: 'off' });
    const note = h('textarea', { name: 'note', rows: 2 });
    const submit = h('button', { type: 'submit', class: 'primary' }, t('finding.submit'));
    const form = h('form', { class: 'grid-form', 'data-form': 'finding' }, field(t('finding.objective'), objective),
      field(t('finding.answer'), answer), field(t('finding.note'), note), submit);
    onSubmit(form, async () => {
      const result = await run(submit, verdict, () => api.submitFinding(id, number, { objective: objective.value, answer: answer.value.trim(), note: note.value }));
      if (result) {
        say(verdict, t(`finding.${result.outcome}`, { points: formatPoints(result.points), reason: result.reason ?? '' }), result.points >= 0 && result.outcome !== 'rejected' ? 'ok' : 'error');
        answer.value = '';
        note.value = '';
        void reload();
      }
    });
    const answered = ws.objectives.filter((o) => o.answered);
    replace(findings, open.length ? form : h('p', {}, t('finding.allDone')),
      answered.length ? h('ul', {}, ...answered.map((o) => h('li', {}, '✓ ', localized(o.question)))) : null,
      ws.findings.length ? h('ol', { class: 'journal' }, ...ws.findings.map((f) => h('li', {}, h('time', { datetime: f.at }, formatTime(f.at)), ' ', summary(f)))) : null);
  }

  function renderHints(): void {
    replace(hints, ws.hints.length ? h('ul', { class: 'hints' }, ...ws.hints.map((x) => h('li', { 'data-hint': x.id },
      h('strong', {}, localized(x.title)), ` (${t('hint.cost', { cost: formatPoints(-Math.abs(x.cost)) })}) `,
      x.taken ? h('p', { class: 'hint-text' }, localized(x.text)) : h('button', { type: 'button', onclick: async (e: Event) => {
        if (!confirm(t('hint.confirmTake', { cost: x.cost }))) return;
        await run(e.currentTarget as HTMLElement, status, () => api.takeHint(id, number, x.id));
        void reload();
      } }, t('hint.take'))))) : h('p', {}, t('hint.none')));
  }

  function renderReport(): void {
    const submitted = ws.report.submitted?.sections ?? {};
    const areas = ws.report.sections.map((s) => ({ id: s.id, el: h('textarea', { name: s.id, rows: 4, value: submitted[s.id] ?? '' }), title: localized(s.title) }));
    const submit = h('button', { type: 'submit', class: 'primary' }, t('report.submit'));
    const out = notice();
    const form = h('form', { class: 'grid-form', 'data-form': 'report' }, ...areas.map((a) => field(a.title, a.el)), submit, out);
    onSubmit(form, async () => {
      const sections = Object.fromEntries(areas.map((a) => [a.id, a.el.value]));
      await run(submit, out, () => api.submitReport(id, number, sections), t('report.submitted'));
    });
    replace(report, ws.report.submitted ? h('p', {}, t('report.alreadySubmitted')) : null, ws.report.sections.length ? form : h('p', {}, t('report.none')));
  }

  async function renderHosts(): Promise<void> {
    const topology = await api.topology(id, number).catch(() => null);
    replace(hosts, topology ? diagram(topology, number) : null, hostTable(id, number, ws.hosts));
  }

  async function reload(): Promise<void> {
    ws = await api.workspace(id, number);
    renderScore(); renderFindings(); renderHints();
    for (const m of ws.messages) addMessage(m, false);
  }

  let timer: ReturnType<typeof setTimeout> | null = null;
  function onEvent(e: JournalEvent): void {
    if (e.type === 'message.sent') addMessage(e, true);
    if (['finding.accepted', 'finding.rejected', 'hint.taken', 'check.result', 'score.changed', 'report.graded', 'inject.fired'].includes(e.type) && !timer) {
      timer = setTimeout(() => { timer = null; void reload(); }, 800);
    }
  }

  main.append(
    h('h1', {}, t('workspace.heading', { team: ws.team.name, exercise: localized(ws.exercise.title) || ws.exercise.id })),
    h('p', { class: 'meta' }, stateBadge(ws.team.state), ' · ', t('team.clock'), ': ', formatDuration(millisOf(ws.team.scenarioTime)),
      ' · ', h('a', { href: hrefOf({ page: 'scoreboard', id }) }, t('nav.scoreboard'))),
    status, alert, score,
    section(t('workspace.briefing'), h('div', { class: 'briefing' }, localized(ws.briefing))),
    section(t('workspace.hosts'), hosts),
    section(t('workspace.messages'), messages),
    section(t('workspace.findings'), verdict, findings),
    section(t('hint.title'), hints),
    section(t('report.title'), report));
  renderScore(); renderFindings(); renderHints(); renderReport();
  for (const m of ws.messages) addMessage(m, false);
  await renderHosts();
  const feed = new Feed(feedUrl(location, id, number), { onEvent, onResync: () => void reload() });
  ctx.onLeave(() => { feed.close(); if (timer) clearTimeout(timer); });
}
