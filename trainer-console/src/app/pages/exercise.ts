// The exercise dashboard: lifecycle controls, venues, teams (live cards), accounts, live consoles
// and the live journal. Assistants see their venues' teams only (the server filters) and no
// exercise-wide controls.
import { scenarioMillis } from '../clock';
import { observeUrl, type Ctx } from '../context';
import { h, notice, onSubmit, replace, run, say, section, stateBadge, field } from '../dom';
import { applyScores, Feed, feedUrl, initialState, reduce, refresh, type FeedState, type TeamCard } from '../feed';
import { formatDuration, localized, t } from '../i18n';
import { eventItem } from '../journal';
import { hrefOf } from '../router';
import type { Exercise, JournalEvent, Team } from '../types';

const LIFECYCLE = new Set(['exercise.state', 'team.added', 'venue.added', 'team.started', 'team.paused', 'team.resumed',
  'range.provisioning', 'range.ready', 'range.failed', 'range.destroyed']);

export async function exercisePage(ctx: Ctx, main: HTMLElement, id: string): Promise<void> {
  const api = ctx.api;
  const instructor = ctx.me.role === 'instructor';
  const helper = instructor || ctx.me.role === 'assistant';
  let exercise = await api.exercise(id);
  const [scores, journal] = await Promise.all([api.scoreboard(id).catch(() => []), api.journal(id).catch(() => [])]);
  let state: FeedState = initialState(exercise, scores, journal);

  const status = notice();
  const title = h('h1', {}, localized(exercise.title) || exercise.id);
  const meta = h('p', { class: 'meta' });
  const controls = h('div', { class: 'toolbar', role: 'group', 'aria-label': t('exercise.controls') });
  const venues = h('div', { class: 'venues' });
  const cards = h('div', { class: 'cards', 'aria-live': 'off' });
  const teamForm = h('div');
  const passwords = h('div', { class: 'passwords', 'aria-live': 'polite' });
  const sessions = h('div');
  const journalList = h('ol', { class: 'journal', reversed: true, 'aria-label': t('exercise.journal') });
  const feedStatus = h('span', { class: 'feed-status' }, t('feed.connecting'));
  const cardElements = new Map<number, HTMLElement>();

  const action = (label: string, act: string, scope: { team?: number; venue?: string } = {}, confirmText?: string) =>
    h('button', {
      type: 'button', 'data-action': act, 'data-team': scope.team ?? null, 'data-venue': scope.venue ?? null,
      onclick: async (e: Event) => {
        if (confirmText && !confirm(confirmText)) return;
        const updated = await run(e.currentTarget as HTMLElement, status, () => api.lifecycle(id, act, scope), t('exercise.done', { action: label }));
        if (updated) rebase(updated);
      },
    }, label);

  function renderMeta(): void {
    replace(meta, t('exercise.scenario'), ': ', exercise.scenario, ' · ', t('exercise.mode'), ': ', t(`mode.${exercise.mode.toLowerCase()}`),
      ' · ', t('exercise.speed'), ': ', `${exercise.speed}×`, ' · ', t('exercise.state'), ': ', stateBadge(state.exerciseState),
      exercise.reason ? ` (${exercise.reason})` : '');
  }

  function renderControls(): void {
    const links = [
      h('a', { class: 'button', href: hrefOf({ page: 'scoreboard', id }) }, t('nav.scoreboard')),
      h('a', { class: 'button', href: hrefOf({ page: 'review', id }) }, t('nav.review')),
    ];
    if (!instructor) { replace(controls, ...links); return; }
    replace(controls,
      action(t('action.provision'), 'provision'), action(t('action.startAll'), 'start'),
      action(t('action.pauseAll'), 'pause'), action(t('action.resumeAll'), 'resume'),
      action(t('action.finish'), 'finish', {}, t('exercise.confirmFinish')),
      action(t('action.teardown'), 'teardown', {}, t('exercise.confirmTeardown')), ...links);
  }

  // Forms are built once and kept: live updates redraw the lists around them, never what is typed.
  const assistantForms = new Map<string, HTMLElement>();
  const venueFormEl = venueForm();
  const teamFormEl = teamFormOf();

  function renderVenues(): void {
    const items = exercise.venues.map((v) => h('li', { 'data-venue': v.id }, h('strong', {}, v.name), ` (${v.id}) `,
      instructor ? [action(t('action.start'), 'start', { venue: v.id }), action(t('action.pause'), 'pause', { venue: v.id }),
        action(t('action.resume'), 'resume', { venue: v.id }), assistantFormOf(v.id)] : null));
    venueFormEl.hidden = !(instructor && exercise.state === 'DRAFT');
    replace(venues, items.length ? h('ul', { class: 'venue-list' }, ...items) : h('p', {}, t('exercise.noVenues')), venueFormEl);
  }

  function venueForm(): HTMLElement {
    const vid = h('input', { name: 'venue-id', required: true, pattern: '[a-z0-9][a-z0-9-]*' });
    const name = h('input', { name: 'venue-name', required: true });
    const submit = h('button', { type: 'submit' }, t('exercise.addVenue'));
    const form = h('form', { class: 'inline-form', 'data-form': 'venue' }, field(t('exercise.venueId'), vid), field(t('exercise.venueName'), name), submit);
    onSubmit(form, async () => {
      const updated = await run(submit, status, () => api.addVenue(id, { id: vid.value.trim(), name: name.value.trim() }));
      if (updated) { form.reset(); rebase(updated); }
    });
    return form;
  }

  function assistantFormOf(venue: string): HTMLElement {
    const known = assistantForms.get(venue);
    if (known) return known;
    const name = h('input', { name: 'assistant', required: true, autocomplete: 'off' });
    const submit = h('button', { type: 'submit' }, t('exercise.addAssistant'));
    const form = h('form', { class: 'inline-form', 'data-form': 'assistant' }, field(t('exercise.assistantName'), name), submit);
    onSubmit(form, async () => {
      const user = await run(submit, status, () => api.createUser({ name: name.value.trim(), role: 'assistant', venues: [venue] }));
      if (user) { showPasswords([{ name: user.name, role: 'assistant', password: user.password }]); name.value = ''; }
    });
    assistantForms.set(venue, form);
    return form;
  }

  function renderTeamForm(): void {
    teamForm.hidden = !(instructor && exercise.state === 'DRAFT');
    const select = teamFormEl.querySelector<HTMLSelectElement>('select[name=team-venue]')!;
    const chosen = select.value;
    replace(select, h('option', { value: '' }, t('exercise.noVenue')),
      ...exercise.venues.map((v) => h('option', { value: v.id, selected: v.id === chosen }, v.name)));
    if (!teamForm.firstChild) teamForm.append(section(t('exercise.newTeam'), teamFormEl));
  }

  function teamFormOf(): HTMLElement {
    const name = h('input', { name: 'team-name', required: true });
    const venue = h('select', { name: 'team-venue' });
    const members = h('textarea', { name: 'team-members', rows: 3, placeholder: t('exercise.membersPlaceholder') });
    const accounts = h('input', { type: 'checkbox', name: 'create-accounts', checked: true, id: 'create-accounts' });
    const submit = h('button', { type: 'submit', class: 'primary' }, t('exercise.addTeam'));
    const form = h('form', { class: 'grid-form', 'data-form': 'team' }, field(t('exercise.teamName'), name), field(t('exercise.venue'), venue),
      field(t('exercise.members'), members), h('div', { class: 'field check' }, accounts, h('label', { for: 'create-accounts' }, t('exercise.createAccounts'))), submit);
    onSubmit(form, async () => {
      const names = members.value.split(/[\s,、]+/).map((s) => s.trim()).filter(Boolean);
      const teamName = name.value.trim();
      const wantAccounts = accounts.checked;
      const updated = await run(submit, status, () => api.addTeam(id, { name: teamName, venue: venue.value || undefined, members: names }));
      if (!updated) return;
      form.reset();
      accounts.checked = true;
      rebase(updated);
      const team = [...updated.teams].reverse().find((x) => x.name === teamName);
      if (wantAccounts && team) {
        const created: { name: string; role: string; password: string }[] = [];
        for (const member of names) {
          const user = await run(null, status, () => api.createUser({ name: member, role: 'trainee', exercise: id, team: team.number }));
          if (user) created.push({ name: user.name, role: 'trainee', password: user.password });
        }
        if (created.length) showPasswords(created);
      }
    });
    return form;
  }

  function showPasswords(users: { name: string; role: string; password: string }[]): void {
    passwords.append(h('div', { class: 'notice ok', role: 'status' },
      h('p', {}, t('exercise.passwordsOnce')),
      h('table', { class: 'list' }, h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, t('users.name')), h('th', { scope: 'col' }, t('users.role')),
        h('th', { scope: 'col' }, t('users.password')))),
      h('tbody', {}, ...users.map((u) => h('tr', { 'data-user': u.name }, h('td', {}, u.name), h('td', {}, t(`role.${u.role}`)),
        h('td', {}, h('code', { class: 'password' }, u.password))))))));
  }

  function teamOf(n: number): Team | undefined {
    return exercise.teams.find((x) => x.number === n);
  }

  function renderCard(card: TeamCard): HTMLElement {
    let el = cardElements.get(card.number);
    if (!el) {
      el = h('article', { class: 'card', 'data-team': card.number });
      cardElements.set(card.number, el);
    }
    const team = teamOf(card.number);
    // redraw only what changed, so that a focused button keeps its focus while events arrive
    const drawn = JSON.stringify([card, team?.startedAt, team?.pausedAt, team?.pausedMillis]);
    if (el.dataset.drawn === drawn) return el;
    el.dataset.drawn = drawn;
    const clock = team ? scenarioMillis(team, exercise.speed, Date.now()) : null;
    const buttons = helper ? h('div', { class: 'toolbar small' },
      action(t('action.start'), 'start', { team: card.number }), action(t('action.pause'), 'pause', { team: card.number }),
      action(t('action.resume'), 'resume', { team: card.number })) : null;
    replace(el,
      h('h3', {}, h('a', { href: hrefOf({ page: 'team', id, team: card.number }) }, t('team.label', { team: card.number, name: card.name }))),
      h('dl', {},
        h('dt', {}, t('team.venue')), h('dd', {}, card.venue ?? '–'),
        h('dt', {}, t('team.range')), h('dd', {}, stateBadge(card.state), card.reason ? ` ${card.reason}` : ''),
        h('dt', {}, t('team.clock')), h('dd', { class: 'clock' }, formatDuration(clock ?? card.scenarioMillis)),
        h('dt', {}, t('team.timeline')), h('dd', {}, card.lastInject ? t('team.lastInject', { item: card.lastInject, count: card.fired }) : t('team.noInject')),
        h('dt', {}, t('team.alerts')), h('dd', {}, card.alerts),
        h('dt', {}, t('team.score')), h('dd', { class: 'score' }, card.score)),
      buttons);
    return el;
  }

  function renderCards(): void {
    const list = Object.values(state.teams).sort((a, b) => a.number - b.number);
    if (!list.length) { replace(cards, h('p', {}, t('exercise.noTeams'))); cardElements.clear(); return; }
    const elements = list.map(renderCard);
    if (elements.length !== cards.children.length || elements.some((el, i) => cards.children[i] !== el)) replace(cards, ...elements);
  }

  function tick(): void {
    for (const [n, el] of cardElements) {
      const team = teamOf(n);
      const clock = team ? scenarioMillis(team, exercise.speed, Date.now()) : null;
      const dd = el.querySelector('.clock');
      if (dd && clock !== null) dd.textContent = formatDuration(clock);
    }
  }

  function rebase(updated: Exercise): void {
    exercise = updated;
    state = refresh(state, updated);
    renderAll();
    scheduleScores();
  }

  function renderAll(): void {
    renderMeta(); renderControls(); renderVenues(); renderTeamForm(); renderCards();
  }

  async function loadSessions(button?: HTMLElement): Promise<void> {
    const live = await run(button ?? null, status, () => api.consoleSessions(id));
    if (!live) return;
    replace(sessions, live.length ? h('ul', { class: 'sessions' }, ...live.map((s) => h('li', { 'data-session': s.session },
      t('exercise.session', { team: s.team, host: s.host, owner: s.owner }), ' ',
      h('a', { class: 'button', href: observeUrl(s.session), target: '_blank', rel: 'noopener' }, t('action.observe'))))) :
      h('p', {}, t('exercise.noSessions')));
  }

  let scoreTimer: ReturnType<typeof setTimeout> | null = null;
  function scheduleScores(): void {
    if (scoreTimer) return;
    scoreTimer = setTimeout(() => { scoreTimer = null; void rereadScores(); }, 800);
  }
  async function rereadScores(): Promise<void> {
    const fresh = await api.scoreboard(id).catch(() => null);
    if (fresh) { state = applyScores(state, fresh); renderCards(); }
  }
  let exerciseTimer: ReturnType<typeof setTimeout> | null = null;
  function scheduleExercise(): void {
    if (exerciseTimer) return;
    exerciseTimer = setTimeout(() => { exerciseTimer = null; void rereadExercise(); }, 500);
  }
  async function rereadExercise(): Promise<void> {
    const fresh = await api.exercise(id).catch(() => null);
    if (fresh) rebase(fresh);
  }

  function onEvent(e: JournalEvent): void {
    const before = state;
    state = reduce(state, e);
    if (state === before) return;
    journalList.prepend(eventItem(e));
    while (journalList.children.length > 200) journalList.lastElementChild!.remove();
    renderMeta();
    renderCards();
    if (state.scoresStale) scheduleScores();
    if (LIFECYCLE.has(e.type)) scheduleExercise();
    if (e.type.startsWith('console.')) void loadSessions();
  }

  async function resync(): Promise<void> {
    const [fresh, freshScores, missed] = await Promise.all([api.exercise(id), api.scoreboard(id).catch(() => []), api.journal(id, undefined, state.lastSeq)]);
    exercise = fresh;
    state = applyScores(refresh(state, fresh, freshScores), freshScores);
    for (const e of missed) onEvent(e);
    renderAll();
  }

  main.append(title, meta, controls, status,
    section(t('exercise.venues'), venues),
    section(t('exercise.teams'), cards), teamForm, passwords,
    section(t('exercise.consoles'), h('button', { type: 'button', onclick: (e: Event) => loadSessions(e.currentTarget as HTMLElement) }, t('action.refresh')), sessions),
    section(t('exercise.journal'), feedStatus, journalList));
  renderAll();
  for (const e of state.journal.slice(-100)) journalList.prepend(eventItem(e));
  void loadSessions();

  const feed = new Feed(feedUrl(location, id), {
    onEvent,
    onResync: () => void resync(),
    onStatus: (up) => say(feedStatus, up ? t('feed.live') : t('feed.reconnecting'), up ? 'ok' : 'error'),
  });
  const timer = setInterval(tick, 1000);
  ctx.onLeave(() => { feed.close(); clearInterval(timer); if (scoreTimer) clearTimeout(scoreTimer); if (exerciseTimer) clearTimeout(exerciseTimer); });
}
