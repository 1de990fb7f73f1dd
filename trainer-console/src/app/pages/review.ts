// The after-action review: one timeline per team, filtered by team and event type, with console
// recordings played inline and the exports.
import { playbackUrl, type Ctx } from '../context';
import { h, replace } from '../dom';
import { eventLabel, localized, t } from '../i18n';
import { eventItem } from '../journal';

export const REVIEW_TYPES = ['inject.fired', 'message.sent', 'finding.accepted', 'finding.rejected', 'check.result',
  'hint.taken', 'console.recorded', 'score.changed', 'report.submitted', 'report.graded'];

/** The recording of a console.recorded event: its id, or the id at the end of its address. */
export function recordingId(data: Record<string, unknown>): string | null {
  const value = typeof data.recording === 'string' ? data.recording : typeof data.session === 'string' ? data.session : null;
  if (!value) return null;
  return decodeURIComponent(value.replace(/^.*\/api\/console\/recordings\//, ''));
}

export async function reviewPage(ctx: Ctx, main: HTMLElement, id: string): Promise<void> {
  const exercise = await ctx.api.exercise(id);
  const enc = encodeURIComponent(id);
  const team = h('select', { name: 'team', id: 'review-team' }, h('option', { value: '' }, t('review.allTeams')),
    ...exercise.teams.map((x) => h('option', { value: x.number }, t('team.label', { team: x.number, name: x.name }))));
  const boxes = REVIEW_TYPES.map((type) => h('input', { type: 'checkbox', value: type, checked: true, id: `type-${type}` }));
  const timelines = h('div', { class: 'review' });
  const player = h('div', { class: 'player' });

  async function load(): Promise<void> {
    const types = boxes.filter((b) => b.checked).map((b) => b.value);
    const review = await ctx.api.review(id, team.value ? Number(team.value) : undefined, types.length === REVIEW_TYPES.length ? undefined : types);
    replace(timelines, ...review.teams.map((x) => h('section', { class: 'team-timeline', 'data-team': x.number, 'aria-label': t('team.label', { team: x.number, name: x.name }) },
      h('h2', {}, t('team.label', { team: x.number, name: x.name })),
      x.events.length ? h('ol', { class: 'journal' }, ...x.events.map((e) => {
        const recording = e.type === 'console.recorded' ? recordingId(e.data) : null;
        return eventItem(e, recording ? h('button', { type: 'button', 'data-recording': recording, onclick: () => play(recording) }, t('review.play')) : undefined);
      })) : h('p', {}, t('review.empty')))));
  }

  function play(recording: string): void {
    replace(player, h('h2', {}, t('review.recording', { id: recording })),
      h('iframe', { src: playbackUrl(recording), title: t('review.recording', { id: recording }), class: 'playback' }),
      h('button', { type: 'button', onclick: () => player.replaceChildren() }, t('review.closePlayer')));
    player.scrollIntoView({ behavior: 'smooth' });
  }

  const filters = h('form', { class: 'filters', onsubmit: (e: Event) => e.preventDefault() },
    h('div', { class: 'field' }, h('label', { for: 'review-team' }, t('review.team')), team),
    h('fieldset', {}, h('legend', {}, t('review.types')),
      ...boxes.map((b) => h('span', { class: 'check' }, b, h('label', { for: b.id }, eventLabel(b.value))))));
  filters.addEventListener('change', () => void load());
  main.append(h('h1', {}, t('review.title', { exercise: localized(exercise.title) || exercise.id })),
    h('p', { class: 'toolbar' },
      h('a', { class: 'button', href: `/api/exercises/${enc}/journal/export`, download: `${id}.jsonl` }, t('review.exportJsonl')),
      h('a', { class: 'button', href: `/api/exercises/${enc}/review.html`, target: '_blank', rel: 'noopener' }, t('review.printable'))),
    filters, player, timelines);
  await load();
}
