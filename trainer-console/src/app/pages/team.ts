// One team for instructors and assistants: the range diagram with host actions, the timeline
// with fire/skip, messages, hints, report grading, score adjustments (instructors), live consoles
// and the team's live journal.
import { scenarioMillis } from '../clock';
import { observeUrl, type Ctx } from '../context';
import { append, field, h, notice, onSubmit, replace, run, say, section, stateBadge } from '../dom';
import { Feed, feedUrl } from '../feed';
import { formatDuration, formatPoints, localized, t } from '../i18n';
import { eventItem } from '../journal';
import { hrefOf } from '../router';
import type { Exercise, JournalEvent, Workspace } from '../types';
import { diagram, hostTable } from './hosts';
import { millisOf } from './workspace';

export async function teamPage(ctx: Ctx, main: HTMLElement, id: string, number: number): Promise<void> {
  const api = ctx.api;
  const instructor = ctx.me.role === 'instructor';
  const helper = instructor || ctx.me.role === 'assistant';
  let exercise: Exercise = await api.exercise(id);
  const team = () => exercise.teams.find((x) => x.number === number);
  if (!team()) throw new Error(t('team.missing', { team: number, exercise: id }));
  const status = notice();
  const meta = h('p', { class: 'meta' });
  const topo = h('div', { class: 'topology-view' });
  const timeline = h('div');
  const hints = h('div');
  const grading = h('div');
  const sessions = h('div');
  const journal = h('ol', { class: 'journal', reversed: true });
  let workspace: Workspace | null = null;

  function renderMeta(): void {
    const x = team()!;
    replace(meta, h('a', { href: hrefOf({ page: 'exercise', id }) }, exercise.id), ' · ', t('team.venue'), ': ', x.venue ?? '–', ' · ',
      stateBadge(x.state), ' · ', t('team.clock'), ': ', h('span', { class: 'clock' }, formatDuration(scenarioMillis(x, exercise.speed, Date.now()))),
      ' · ', t('team.members'), ': ', x.members.join(', ') || '–');
  }

  async function loadTopology(): Promise<void> {
    try {
      const topology = await api.topology(id, number);
      replace(topo, diagram(topology, number), hostTable(id, number, topology.hosts, helper ? (host) =>
        h('button', { type: 'button', 'data-reset': host.id, onclick: async (e: Event) => {
          if (!confirm(t('host.confirmReset', { host: host.id }))) return;
          await run(e.currentTarget as HTMLElement, status, () => api.resetHost(id, number, host.id), t('host.resetDone', { host: host.id }));
        } }, t('host.reset')) : undefined));
    } catch (e) {
      replace(topo, h('p', { class: 'notice error', role: 'alert' }, (e as Error).message));
    }
  }

  async function loadTimeline(): Promise<void> {
    const tl = await api.timeline(id, number).catch(() => null);
    if (!tl) { replace(timeline, h('p', {}, t('timeline.none'))); return; }
    const act = (item: string, kind: 'fire' | 'skip' | 'refire', label: string) => h('button', {
      type: 'button', 'data-item': item, 'data-action': kind,
      onclick: async (e: Event) => { await run(e.currentTarget as HTMLElement, status, () => api.timelineAction(id, number, item, kind), t('timeline.done', { item, action: label })); void loadTimeline(); },
    }, label);
    replace(timeline, h('p', {}, t('team.clock'), ': ', formatDuration(tl.scenarioMillis)),
      tl.items.length ? h('table', { class: 'list timeline' },
        h('thead', {}, h('tr', {}, ...['timeline.item', 'timeline.kind', 'timeline.when', 'timeline.state', 'timeline.actions'].map((k) => h('th', { scope: 'col' }, t(k))))),
        h('tbody', {}, ...tl.items.map((i) => h('tr', { 'data-item': i.item, class: `tl-${i.state.replace(/\./g, '-')}` },
          h('th', { scope: 'row' }, i.item), h('td', {}, t(`timeline.${i.kind}`)),
          h('td', {}, i.at ? (millisOf(i.at) === null ? i.at : formatDuration(millisOf(i.at))) : i.after ? t('timeline.after', { item: i.after }) : '–'),
          h('td', {}, t(`timeline.state.${i.state}`)),
          h('td', { class: 'actions' }, instructor && i.state === 'pending' ? [act(i.item, 'fire', t('action.fire')), act(i.item, 'skip', t('action.skip'))] : null,
            instructor && i.state === 'inject.fired' ? act(i.item, 'refire', t('action.refire')) : null))))) : h('p', {}, t('timeline.none')));
  }

  function messageForm(): HTMLElement {
    const text = h('textarea', { name: 'message', rows: 2, required: true });
    const severity = h('select', { name: 'severity' }, h('option', { value: 'info' }, t('message.info')), h('option', { value: 'alert' }, t('message.alert')));
    const submit = h('button', { type: 'submit' }, t('message.send'));
    const form = h('form', { class: 'grid-form' }, field(t('message.text'), text), field(t('message.severity'), severity), submit);
    onSubmit(form, async () => {
      const sent = await run(submit, status, () => api.sendMessage(id, number, text.value.trim(), severity.value as 'info' | 'alert'), t('message.sent'));
      if (sent !== undefined) text.value = '';
    });
    return form;
  }

  async function loadHints(): Promise<void> {
    workspace = await api.workspace(id, number).catch(() => null);
    const grant = (hint: string, label: string) => h('button', { type: 'button', 'data-hint': hint, onclick: async (e: Event) => {
      if (!confirm(t('hint.confirmGrant', { hint: label }))) return;
      await run(e.currentTarget as HTMLElement, status, () => api.takeHint(id, number, hint), t('hint.granted', { hint: label }));
      void loadHints();
    } }, t('hint.grant'));
    if (workspace) {
      replace(hints, workspace.hints.length ? h('ul', {}, ...workspace.hints.map((x) => h('li', {},
        `${localized(x.title)} (${t('hint.cost', { cost: formatPoints(-Math.abs(x.cost)) })}) `,
        x.taken ? h('span', { class: 'badge' }, t('hint.taken')) : helper ? grant(x.id, localized(x.title)) : null))) : h('p', {}, t('hint.none')));
    } else if (helper) {
      const hint = h('input', { name: 'hint', required: true });
      const submit = h('button', { type: 'submit' }, t('hint.grant'));
      const form = h('form', { class: 'inline-form' }, field(t('hint.id'), hint), submit);
      onSubmit(form, async () => { await run(submit, status, () => api.takeHint(id, number, hint.value.trim()), t('hint.granted', { hint: hint.value })); });
      replace(hints, form);
    }
  }

  async function loadGrading(): Promise<void> {
    const report = await api.report(id, number).catch(() => null);
    const sections = report?.report?.sections ?? null;
    const titles = new Map((workspace?.report.sections ?? []).map((s) => [s.id, localized(s.title)]));
    const body = sections ? h('dl', { class: 'report' }, ...Object.entries(sections).flatMap(([k, v]) => [h('dt', {}, titles.get(k) ?? k), h('dd', {}, v)]))
      : h('p', {}, t('report.notSubmitted'));
    const grades = report ? Object.entries(report.grades).map(([grader, g]) => h('li', {}, `${grader}: `,
      Object.entries(g.scores).map(([c, p]) => `${c}=${p}`).join(', '), g.feedback ? ` — ${g.feedback}` : '')) : [];
    const children: HTMLElement[] = [body, grades.length ? h('ul', { class: 'grades' }, ...grades) : h('p', {}, t('report.noGrades'))];
    if (helper && sections) {
      const scores = h('textarea', { name: 'scores', rows: 3, required: true, placeholder: t('report.scoresPlaceholder') });
      const feedback = h('textarea', { name: 'feedback', rows: 2 });
      const submit = h('button', { type: 'submit' }, t('report.grade'));
      const form = h('form', { class: 'grid-form' }, field(t('report.scores'), scores), field(t('report.feedback'), feedback), submit);
      onSubmit(form, async () => {
        const marks: Record<string, number> = {};
        for (const line of scores.value.split('\n')) {
          const m = /^\s*([\w.-]+)\s*[:=]\s*(-?\d+)\s*$/.exec(line);
          if (m) marks[m[1]] = Number(m[2]);
          else if (line.trim()) { say(status, t('report.badLine', { line }), 'error'); return; }
        }
        const ok = await run(submit, status, () => api.grade(id, number, marks, feedback.value).then(() => true), t('report.graded'));
        if (ok) void loadGrading();
      });
      children.push(form);
    }
    replace(grading, ...children);
  }

  function adjustmentForm(): HTMLElement {
    const points = h('input', { name: 'points', type: 'number', min: -1000, max: 1000, step: 1, required: true });
    const reason = h('textarea', { name: 'reason', rows: 2, required: true, maxlength: 500 });
    const submit = h('button', { type: 'submit' }, t('adjust.submit'));
    const form = h('form', { class: 'grid-form' }, h('p', { class: 'meta' }, t('adjust.help')),
      field(t('adjust.points'), points), field(t('adjust.reason'), reason), submit);
    onSubmit(form, async () => {
      const value = Number(points.value);
      if (!Number.isInteger(value) || value === 0 || !reason.value.trim()) { say(status, t('adjust.invalid'), 'error'); return; }
      if (!confirm(t('adjust.confirm', { points: formatPoints(value), reason: reason.value.trim() }))) return;
      const done = await run(submit, status, () => api.adjustScore(id, number, value, reason.value.trim()), t('adjust.done', { points: formatPoints(value) }));
      if (done !== undefined) { points.value = ''; reason.value = ''; }
    });
    return form;
  }

  async function loadSessions(): Promise<void> {
    const live = (await api.consoleSessions(id).catch(() => [])).filter((s) => s.team === number);
    replace(sessions, live.length ? h('ul', { class: 'sessions' }, ...live.map((s) => h('li', { 'data-session': s.session },
      t('exercise.session', { team: s.team, host: s.host, owner: s.owner }), ' ',
      h('a', { class: 'button', href: observeUrl(s.session), target: '_blank', rel: 'noopener' }, t('action.observe'))))) : h('p', {}, t('exercise.noSessions')));
  }

  const timers = new Map<string, ReturnType<typeof setTimeout>>();
  const later = (key: string, fn: () => unknown) => {
    if (timers.has(key)) return;
    timers.set(key, setTimeout(() => { timers.delete(key); void fn(); }, 600));
  };
  const seen = new Set<number>();
  function onEvent(e: JournalEvent): void {
    if (e.team && e.team !== number) return;
    if (seen.has(e.seq)) return;
    seen.add(e.seq);
    journal.prepend(eventItem(e));
    while (journal.children.length > 200) journal.lastElementChild!.remove();
    if (e.type.startsWith('range.') || e.type === 'host.reset') later('topology', loadTopology);
    if (e.type.startsWith('inject.') || e.type === 'timeline.skipped' || e.type === 'message.sent') later('timeline', loadTimeline);
    if (e.type.startsWith('team.') || e.type === 'exercise.state') later('exercise', async () => { exercise = await api.exercise(id); renderMeta(); });
    if (e.type === 'hint.taken') later('hints', loadHints);
    if (e.type.startsWith('report.')) later('grading', loadGrading);
    if (e.type.startsWith('console.')) later('sessions', loadSessions);
  }
  async function resync(): Promise<void> {
    const last = Math.max(0, ...seen);
    for (const e of await api.journal(id, number, last).catch(() => [])) onEvent(e);
    exercise = await api.exercise(id);
    renderMeta(); void loadTopology(); void loadTimeline();
  }

  const x = team()!;
  append(main, [h('h1', {}, t('team.label', { team: x.number, name: x.name })), meta, status,
    section(t('team.topology'), topo),
    section(t('team.timeline'), timeline),
    helper ? section(t('message.title'), messageForm()) : null,
    section(t('hint.title'), hints),
    section(t('report.title'), grading),
    instructor ? section(t('adjust.title'), adjustmentForm()) : null,
    section(t('exercise.consoles'), sessions),
    section(t('exercise.journal'), journal)]);
  renderMeta();
  for (const e of (await api.journal(id, number).catch(() => [])).slice(-100)) onEvent(e);
  await Promise.all([loadTopology(), loadTimeline(), loadHints().then(loadGrading), loadSessions()]);
  const feed = new Feed(feedUrl(location, id, number), { onEvent, onResync: () => void resync() });
  const tick = setInterval(() => {
    const el = meta.querySelector('.clock');
    if (el) el.textContent = formatDuration(scenarioMillis(team()!, exercise.speed, Date.now()));
  }, 1000);
  ctx.onLeave(() => { feed.close(); clearInterval(tick); timers.forEach((tm) => clearTimeout(tm)); });
}
