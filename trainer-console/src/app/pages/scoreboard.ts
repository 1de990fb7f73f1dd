// The scoreboard, for a projector: big type, teams by total, live.
import type { Ctx } from '../context';
import { h, replace } from '../dom';
import { Feed, feedUrl } from '../feed';
import { localized, t } from '../i18n';
import type { Exercise, TeamScore } from '../types';

export const CATEGORIES = ['detection', 'response', 'service', 'report', 'penalties', 'adjustments'];

/** Teams by total, highest first; equal totals keep team order. Ranks are shared by equal totals. */
export function ranking(scores: TeamScore[]): { rank: number; score: TeamScore }[] {
  const sorted = [...scores].sort((a, b) => b.total - a.total || a.team - b.team);
  return sorted.map((score, i) => ({ rank: i > 0 && sorted[i - 1].total === score.total ? 0 : i + 1, score }))
    .map((row, i, all) => ({ ...row, rank: row.rank || all.slice(0, i).reverse().find((r) => r.rank)!.rank }));
}

export async function scoreboardPage(ctx: Ctx, main: HTMLElement, id: string): Promise<void> {
  document.body.classList.add('projector');
  let exercise: Exercise = await ctx.api.exercise(id);
  const board = h('div', { class: 'scoreboard', 'aria-live': 'polite' });
  const name = (n: number) => exercise.teams.find((x) => x.number === n)?.name ?? String(n);

  async function load(): Promise<void> {
    const scores = await ctx.api.scoreboard(id);
    replace(board, h('table', { class: 'board' },
      h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, t('scoreboard.rank')), h('th', { scope: 'col' }, t('scoreboard.team')),
        h('th', { scope: 'col' }, t('scoreboard.total')), ...CATEGORIES.map((c) => h('th', { scope: 'col' }, t(`score.${c}`))))),
      h('tbody', {}, ...ranking(scores).map(({ rank, score }) => h('tr', { 'data-team': score.team },
        h('td', { class: 'rank' }, rank), h('th', { scope: 'row' }, name(score.team)),
        h('td', { class: 'total', 'data-total': score.total }, score.total),
        ...CATEGORIES.map((c) => h('td', { class: 'num' }, score.breakdown[c] ?? 0)))))));
  }

  main.append(h('h1', {}, t('scoreboard.title', { exercise: localized(exercise.title) || exercise.id })), board);
  await load();
  let timer: ReturnType<typeof setTimeout> | null = null;
  const later = () => { if (!timer) timer = setTimeout(() => { timer = null; void load(); }, 800); };
  const feed = new Feed(feedUrl(location, id), {
    onEvent: (e) => {
      if (e.type === 'team.added') void ctx.api.exercise(id).then((x) => { exercise = x; later(); });
      else if (!e.type.startsWith('console.')) later();
    },
    onResync: later,
  });
  ctx.onLeave(() => { feed.close(); if (timer) clearTimeout(timer); });
}
