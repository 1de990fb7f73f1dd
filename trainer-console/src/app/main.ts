// The trainer console: a single page with hash routes, a header for the signed-in user and the
// page below it.
import { Api } from './api';
import type { Ctx } from './context';
import { h, messageOf, replace } from './dom';
import { initLang, lang, LANGS, setLang, t, type Lang } from './i18n';
import { allowed, hrefOf, landing, parseRoute, type Route } from './router';
import type { Me } from './types';
import { loginPage } from './pages/login';
import { exercisesPage } from './pages/exercises';
import { exercisePage } from './pages/exercise';
import { teamPage } from './pages/team';
import { workspacePage } from './pages/workspace';
import { onlinePage } from './pages/online';
import { scoreboardPage } from './pages/scoreboard';
import { reviewPage } from './pages/review';
import { usersPage } from './pages/users';
import './app.css';

setLang(initLang());
const header = document.getElementById('header')!;
const main = document.getElementById('main')!;
let me: Me | null = null;
const cleanups: (() => void)[] = [];
let afterLogin = '';

const api = new Api({
  onUnauthorized: () => {
    me = null;
    if (!location.hash.startsWith('#/login')) {
      afterLogin = location.hash;
      location.hash = '#/login';
    }
  },
});

function navigate(route: Route): void {
  const href = hrefOf(route);
  if (location.hash === href) void show();
  else location.hash = href;
}

function renderHeader(): void {
  const nav: HTMLElement[] = [];
  if (me) {
    const link = (href: string, label: string) => h('a', { href, 'aria-current': location.hash.startsWith(href) ? 'page' : null }, label);
    if (me.role !== 'trainee') nav.push(link('#/exercises', t('nav.exercises')));
    if (me.role === 'trainee' && me.exercise) nav.push(link('#/workspace', t('nav.workspace')));
    if (me.role === 'trainee' || me.role === 'instructor') nav.push(link('#/online', t('nav.online')));
    if (me.role === 'instructor') nav.push(link('#/users', t('nav.users')));
  }
  const choose = h('select', { id: 'lang', 'aria-label': t('nav.language') },
    ...LANGS.map((l) => h('option', { value: l, selected: l === lang() }, l === 'ja' ? '日本語' : 'English')));
  choose.addEventListener('change', () => {
    setLang(choose.value as Lang);
    void show();
  });
  const account = me
    ? h('span', { class: 'account' }, h('span', { class: 'who' }, `${me.name} (${t(`role.${me.role}`)})`),
      h('button', { type: 'button', onclick: logout }, t('nav.logout')))
    : null;
  replace(header, h('a', { class: 'brand', href: '#/' }, t('app.name')),
    h('nav', { 'aria-label': t('nav.main') }, ...nav), h('span', { class: 'spacer' }), choose, account);
}

async function logout(): Promise<void> {
  try {
    await api.logout();
  } catch {
    // the session may be gone already
  }
  me = null;
  location.hash = '#/login';
}

async function show(): Promise<void> {
  for (const c of cleanups.splice(0)) c();
  document.body.classList.remove('projector');
  const parsed = parseRoute(location.hash);
  if (parsed.page === 'login') {
    me = null;
    renderHeader();
    document.title = `${t('login.title')} — ${t('app.name')}`;
    await loginPage(api, main, (who) => {
      me = who;
      const back = afterLogin;
      afterLogin = '';
      if (back && back !== '#/login') location.hash = back;
      else navigate(landing(who));
    });
    return;
  }
  if (!me) {
    try {
      me = await api.me();
    } catch {
      afterLogin = location.hash;
      location.hash = '#/login';
      return;
    }
  }
  renderHeader();
  if (parsed.page === 'landing') {
    navigate(landing(me));
    return;
  }
  const route = parsed;
  const ctx: Ctx = { api, me, navigate, onLeave: (c) => cleanups.push(c) };
  main.replaceChildren();
  try {
    if (!allowed(route, me)) {
      main.append(h('h1', {}, t('error.forbidden')), h('p', {}, t('error.forbiddenHelp')));
      return;
    }
    switch (route.page) {
      case 'exercises': await exercisesPage(ctx, main); break;
      case 'exercise': await exercisePage(ctx, main, route.id); break;
      case 'team': await teamPage(ctx, main, route.id, route.team); break;
      case 'workspace': await workspacePage(ctx, main, route.id ?? me.exercise, route.team ?? me.team); break;
      case 'online': await onlinePage(ctx, main); break;
      case 'users': await usersPage(ctx, main); break;
      case 'scoreboard': await scoreboardPage(ctx, main, route.id); break;
      case 'review': await reviewPage(ctx, main, route.id); break;
      default:
        main.append(h('h1', {}, t('error.notFound')), h('p', {}, h('a', { href: '#/' }, t('error.home'))));
    }
    const heading = main.querySelector('h1');
    document.title = `${heading?.textContent ?? ''} — ${t('app.name')}`;
  } catch (e) {
    main.append(h('div', { class: 'notice error', role: 'alert' }, messageOf(e)));
  }
  main.focus({ preventScroll: true });
}

window.addEventListener('hashchange', () => void show());
void show();
document.getElementById('skip')?.addEventListener('click', (e) => {
  e.preventDefault(); // the hash is the route: move focus instead of following the link
  main.focus();
});
