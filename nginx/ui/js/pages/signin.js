// Sign in with an API key: checked with GET /api/me, then kept in session storage for this tab only.
import { api } from '../api.js';
import { h, markDataShown } from '../dom.js';
import { busy, field, formAlert, showError } from '../forms.js';
import { t } from '../i18n.js';

export default {
  route: 'signin',
  title: 'signin.title',
  nav: null,
  needsKey: false,
  mount(main, app) {
    const form = h('form', { class: 'stack', novalidate: true },
      field({ name: 'key', label: t('signin.key'), type: 'password', hint: t('signin.hint'), autocomplete: 'off',
              spellcheck: 'false', required: true }),
      formAlert(),
      h('div', {}, h('button', { type: 'submit' }, t('signin.submit'))));
    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      const key = form.elements.namedItem('key').value.trim();
      busy(form, true);
      try {
        const me = await api('GET', '/api/me', undefined, { key });
        app.signedIn(key, me.user || null);
        app.go('download');
      } catch (error) {
        busy(form, false);
        showError(form, error, 'key');
      }
    });
    main.append(h('h1', {}, t('signin.title')), h('p', { class: 'muted' }, t('signin.intro')), form);
    markDataShown('signin');
  },
};
