// Online mode: start a self-paced run of a scenario, see when it will be torn down for being idle,
// open its workspace, stop it.
import type { Ctx } from '../context';
import { field, h, notice, onSubmit, replace, run, section, stateBadge } from '../dom';
import { formatDateTime, localized, t } from '../i18n';
import { hrefOf } from '../router';

export async function onlinePage(ctx: Ctx, main: HTMLElement): Promise<void> {
  const api = ctx.api;
  const status = notice();
  const runs = h('div');
  const scenarios = await api.scenarios().catch(() => []);

  async function loadRuns(): Promise<void> {
    const list = await api.onlineRuns();
    replace(runs, list.length ? h('table', { class: 'list' },
      h('thead', {}, h('tr', {}, ...['online.scenario', 'exercises.state', 'online.idleDeadline', 'exercises.links'].map((k) => h('th', { scope: 'col' }, t(k))))),
      h('tbody', {}, ...list.map((r) => h('tr', { 'data-run': r.exercise },
        h('td', {}, localized(scenarios.find((s) => s.id === r.scenario)?.title) || r.scenario),
        h('td', {}, stateBadge(r.state)),
        h('td', {}, formatDateTime(r.idleDeadline)),
        h('td', {}, h('a', { class: 'button', href: hrefOf({ page: 'workspace', id: r.exercise, team: r.team }) }, t('online.open')), ' ',
          h('button', { type: 'button', onclick: async (e: Event) => {
            if (!confirm(t('online.confirmStop'))) return;
            await run(e.currentTarget as HTMLElement, status, () => api.stopRun(r.exercise), t('online.stopped'));
            void loadRuns();
          } }, t('online.stop'))))))) : h('p', {}, t('online.none')));
  }

  const scenario = h('select', { name: 'scenario', required: true }, ...scenarios.map((s) => h('option', { value: s.id },
    `${localized(s.title)} — ${t('exercises.level', { level: s.level })}, ${t('exercises.minutes', { minutes: s.durationMinutes })}`)));
  const submit = h('button', { type: 'submit', class: 'primary' }, t('online.start'));
  const form = h('form', { class: 'grid-form' }, field(t('online.scenario'), scenario), submit);
  onSubmit(form, async () => {
    const started = await run(submit, status, () => api.startRun(scenario.value), t('online.started'));
    if (started) void loadRuns();
  });
  main.append(h('h1', {}, t('online.title')), h('p', {}, t('online.help')), status,
    section(t('online.new'), form), section(t('online.runs'), runs));
  await loadRuns().catch((e) => replace(runs, h('p', { class: 'notice error', role: 'alert' }, (e as Error).message)));
  const timer = setInterval(() => void loadRuns().catch(() => {}), 30_000);
  ctx.onLeave(() => clearInterval(timer));
}
