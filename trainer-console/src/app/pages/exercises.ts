// The exercises the user may see, and (instructors) a new exercise from a scenario.
import type { Ctx } from '../context';
import { field, h, notice, onSubmit, run, section, stateBadge } from '../dom';
import { localized, t } from '../i18n';
import { hrefOf } from '../router';
import type { Scenario } from '../types';

export async function exercisesPage(ctx: Ctx, main: HTMLElement): Promise<void> {
  const exercises = await ctx.api.exercises();
  const table = h('table', { class: 'list' },
    h('caption', { class: 'sr-only' }, t('exercises.title')),
    h('thead', {}, h('tr', {}, ...['exercises.id', 'exercises.scenario', 'exercises.mode', 'exercises.state', 'exercises.teams', 'exercises.links']
      .map((k) => h('th', { scope: 'col' }, t(k))))),
    h('tbody', {}, ...exercises.map((x) => h('tr', { 'data-exercise': x.id },
      h('th', { scope: 'row' }, h('a', { href: hrefOf({ page: 'exercise', id: x.id }) }, x.id)),
      h('td', {}, localized(x.title) || x.scenario),
      h('td', {}, t(`mode.${x.mode.toLowerCase()}`)),
      h('td', {}, stateBadge(x.state)),
      h('td', { class: 'num' }, x.teams.length),
      h('td', {}, h('a', { href: hrefOf({ page: 'scoreboard', id: x.id }) }, t('nav.scoreboard')), ' · ',
        h('a', { href: hrefOf({ page: 'review', id: x.id }) }, t('nav.review')))))));
  main.append(h('h1', {}, t('exercises.title')),
    exercises.length ? table : h('p', {}, t('exercises.none')));
  if (ctx.me.role === 'instructor') main.append(await createForm(ctx));
}

async function createForm(ctx: Ctx): Promise<HTMLElement> {
  const status = notice();
  let scenarios: Scenario[] = [];
  try {
    scenarios = await ctx.api.scenarios();
  } catch {
    // the select stays empty; the id field below still works
  }
  const scenario = h('select', { name: 'scenario', required: true },
    ...scenarios.map((s) => h('option', { value: s.id, 'data-template': s.template },
      `${localized(s.title)} — ${t('exercises.level', { level: s.level })}, ${t('exercises.minutes', { minutes: s.durationMinutes })} (${s.template})`)));
  const briefing = h('p', { class: 'briefing' });
  const showBriefing = () => {
    const s = scenarios.find((x) => x.id === scenario.value);
    briefing.textContent = s ? localized(s.briefing) : '';
  };
  scenario.addEventListener('change', showBriefing);
  showBriefing();
  const id = h('input', { name: 'id', pattern: '[a-z0-9][a-z0-9-]{0,40}', placeholder: t('exercises.idPlaceholder') });
  const mode = h('select', { name: 'mode' }, ...['CENTRAL', 'SATELLITE', 'ONLINE']
    .map((m) => h('option', { value: m }, t(`mode.${m.toLowerCase()}`))));
  const speed = h('input', { name: 'speed', type: 'number', min: '0.1', step: '0.1', value: '1' });
  const submit = h('button', { type: 'submit', class: 'primary' }, t('exercises.create'));
  const form = h('form', { class: 'grid-form' }, field(t('exercises.scenario'), scenario), briefing,
    field(t('exercises.id'), id), field(t('exercises.mode'), mode), field(t('exercises.speed'), speed), submit, status);
  onSubmit(form, async () => {
    const created = await run(submit, status, () => ctx.api.createExercise({
      scenario: scenario.value, id: id.value.trim() || undefined, mode: mode.value, speed: Number(speed.value) || 1,
    }));
    if (created) ctx.navigate({ page: 'exercise', id: created.id });
  });
  return section(t('exercises.new'), form);
}
