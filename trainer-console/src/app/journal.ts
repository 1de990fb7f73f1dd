// Journal events as short readable lines, for the live panes and the review.
import { h } from './dom';
import { eventLabel, formatDuration, formatPoints, formatTime, t } from './i18n';
import { dataText, type JournalEvent } from './types';

export function summary(e: JournalEvent): string {
  const d = e.data || {};
  const parts: string[] = [];
  const s = (k: string) => (d[k] === 'null' ? '' : dataText(d[k]));
  switch (e.type) {
    case 'message.sent':
      parts.push(s('severity') === 'alert' ? `⚠ ${s('text') || s('item')}` : s('text') || s('item'));
      if (s('from')) parts.push(`(${s('from')})`);
      break;
    case 'finding.accepted':
    case 'finding.rejected':
      parts.push(s('objective'), s('answer'));
      if (typeof d.points === 'number') parts.push(formatPoints(d.points));
      break;
    case 'fairplay.copied':
      parts.push(t('fairplay.copied', {
        other: s('answerOfTeam'), objective: s('objective'), by: s('by'),
        weak: d.ownCandidate === true ? t('fairplay.weak') : '',
      }));
      break;
    case 'check.result':
      parts.push(s('check'), d.passed === true ? t('review.passed') : d.passed === false ? t('review.failed') : s('outcome'));
      break;
    case 'hint.taken':
      parts.push(s('hint'));
      if (typeof d.penalty === 'number') parts.push(formatPoints(-Math.abs(d.penalty)));
      break;
    case 'score.changed':
      parts.push(`${s('part')} ${typeof d.delta === 'number' ? formatPoints(d.delta) : ''} → ${s('total')}`);
      break;
    case 'exercise.state':
      parts.push(`${s('from')} → ${s('to')}`, s('reason'));
      break;
    default:
      for (const k of ['item', 'host', 'check', 'range', 'scope', 'venue', 'name', 'reason', 'recording']) {
        if (s(k)) parts.push(s(k));
      }
  }
  if (typeof d.scenarioMillis === 'number') parts.push(`[${formatDuration(d.scenarioMillis)}]`);
  return parts.filter(Boolean).join(' ');
}

export function eventItem(e: JournalEvent, extra?: Node): HTMLLIElement {
  const team = e.team ? t('journal.team', { team: e.team }) : t('journal.exercise');
  return h('li', { class: `event type-${e.type.replace(/\./g, '-')}`, 'data-seq': e.seq },
    h('time', { datetime: e.at }, formatTime(e.at)), ' ',
    h('span', { class: 'event-team' }, team), ' ',
    h('strong', {}, eventLabel(e.type)), ' ',
    h('span', { class: 'event-text' }, summary(e)), ' ',
    h('span', { class: 'event-actor' }, e.actor), extra ?? null);
}

/** The newest {@code limit} events, newest first. */
export function journalList(events: JournalEvent[], limit = 100): HTMLOListElement {
  const list = h('ol', { class: 'journal', reversed: true });
  for (const e of events.slice(-limit).reverse()) list.append(eventItem(e));
  return list;
}
