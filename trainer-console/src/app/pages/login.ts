// The login page: user name and password, and a button for each configured OIDC provider.
import type { Api } from '../api';
import { field, h, notice, onSubmit, run } from '../dom';
import { t } from '../i18n';
import type { Me } from '../types';

export async function loginPage(api: Api, main: HTMLElement, signedIn: (me: Me) => void): Promise<void> {
  const status = notice();
  const user = h('input', { name: 'username', autocomplete: 'username', required: true, autofocus: true });
  const password = h('input', { name: 'password', type: 'password', autocomplete: 'current-password', required: true });
  const submit = h('button', { type: 'submit', class: 'primary' }, t('login.submit'));
  const form = h('form', { class: 'login-form', 'aria-describedby': 'login-help' },
    field(t('login.username'), user), field(t('login.password'), password), submit, status);
  onSubmit(form, async () => {
    const me = await run(submit, status, () => api.login(user.value.trim(), password.value));
    if (me) signedIn(me);
  });
  const oidc = h('div', { class: 'oidc' });
  main.replaceChildren(h('div', { class: 'login' },
    h('h1', {}, t('login.title')), h('p', { id: 'login-help' }, t('login.help')), form, oidc));
  user.focus();
  try {
    const options = await api.loginOptions();
    if (!options.password) form.hidden = true;
    if (options.oidc.length) {
      oidc.append(h('p', {}, t('login.or')));
      for (const p of options.oidc) oidc.append(h('a', { class: 'button', href: p.url }, t('login.oidc', { name: p.name })));
    }
  } catch {
    // no options: the password form stays
  }
}
