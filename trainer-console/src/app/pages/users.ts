// Accounts (instructors): list, create with a generated password shown once, new password, delete.
import type { Ctx } from '../context';
import { field, h, notice, onSubmit, replace, run, section } from '../dom';
import { t } from '../i18n';
import type { User } from '../types';

export async function usersPage(ctx: Ctx, main: HTMLElement): Promise<void> {
  const api = ctx.api;
  const status = notice();
  const list = h('div');
  const shown = h('div', { 'aria-live': 'polite' });

  function showPassword(name: string, password: string): void {
    replace(shown, h('div', { class: 'notice ok', role: 'status' }, t('users.passwordOnce', { name }), ' ', h('code', { class: 'password', 'data-user': name }, password)));
  }

  async function load(): Promise<void> {
    const users: User[] = await api.users();
    replace(list, h('table', { class: 'list' },
      h('thead', {}, h('tr', {}, ...['users.name', 'users.role', 'users.exercise', 'users.team', 'users.venues', 'users.online', 'users.actions'].map((k) => h('th', { scope: 'col' }, t(k))))),
      h('tbody', {}, ...users.map((u) => h('tr', { 'data-user': u.name },
        h('th', { scope: 'row' }, u.name), h('td', {}, t(`role.${u.role}`)), h('td', {}, u.exercise || '–'),
        h('td', {}, u.team || '–'), h('td', {}, (u.venues || []).join(', ') || '–'), h('td', {}, u.online ? '✓' : '–'),
        h('td', { class: 'actions' },
          u.role === 'trainee' || u.role === 'instructor'
            ? h('button', { type: 'button', onclick: async (e: Event) => {
              if (await run(e.currentTarget as HTMLElement, status, () => api.setOnline(u.name, !u.online))) void load();
            } }, t(u.online ? 'users.denyOnline' : 'users.allowOnline'))
            : '',
          h('button', { type: 'button', onclick: async (e: Event) => {
            const answer = await run(e.currentTarget as HTMLElement, status, () => api.resetPassword(u.name));
            if (answer) showPassword(u.name, answer.password);
          } }, t('users.newPassword')),
          h('button', { type: 'button', disabled: u.name === ctx.me.name, onclick: async (e: Event) => {
            if (!confirm(t('users.confirmDelete', { name: u.name }))) return;
            await run(e.currentTarget as HTMLElement, status, () => api.deleteUser(u.name), t('users.deleted', { name: u.name }));
            void load();
          } }, t('users.delete'))))))));
  }

  const name = h('input', { name: 'name', required: true, autocomplete: 'off' });
  const role = h('select', { name: 'role' }, ...['trainee', 'assistant', 'instructor', 'observer'].map((r) => h('option', { value: r }, t(`role.${r}`))));
  const exercise = h('input', { name: 'exercise' });
  const team = h('input', { name: 'team', type: 'number', min: '1' });
  const venues = h('input', { name: 'venues', placeholder: t('users.venuesPlaceholder') });
  const online = h('input', { name: 'online', type: 'checkbox' });
  const submit = h('button', { type: 'submit', class: 'primary' }, t('users.create'));
  const form = h('form', { class: 'grid-form' }, field(t('users.name'), name), field(t('users.role'), role), field(t('users.exercise'), exercise),
    field(t('users.team'), team), field(t('users.venues'), venues), field(t('users.online'), online), submit);
  onSubmit(form, async () => {
    const user = await run(submit, status, () => api.createUser({
      name: name.value.trim(), role: role.value, exercise: exercise.value.trim() || undefined,
      team: team.value ? Number(team.value) : undefined,
      venues: venues.value.split(/[\s,]+/).filter(Boolean), online: online.checked,
    } as never));
    if (user) { showPassword(user.name, user.password); form.reset(); void load(); }
  });
  main.append(h('h1', {}, t('users.title')), status, shown, section(t('users.new'), form), section(t('users.list'), list));
  await load();
}
