// API keys: the user's keys, a new one (shown once), revoking one (revoking the key in use signs out).
import { api, auth } from '../api.js';
import { h, markDataShown, replace } from '../dom.js';
import { busy, clearErrors, field, formAlert, showError } from '../forms.js';
import { formatDate, t } from '../i18n.js';

export default {
  route: 'keys',
  title: 'keys.title',
  nav: 'nav.keys',
  needsKey: true,
  mount(main, app) {
    const list = h('div', { class: 'table-wrap', 'aria-live': 'polite' }, h('p', { class: 'muted' }, t('app.loading')));
    const created = h('div', { class: 'notice', role: 'status', hidden: true });
    const listAlert = h('div', { class: 'alert', role: 'alert', hidden: true });
    const form = h('form', { class: 'stack inline', novalidate: true },
      field({ name: 'name', label: t('keys.name'), hint: t('keys.nameHint'), maxlength: '200', required: true }),
      h('div', {}, h('button', { type: 'submit' }, t('keys.create'))),
      formAlert());

    async function load() {
      try {
        const answer = await api('GET', '/api/keys');
        replace(list, table(Array.isArray(answer.keys) ? answer.keys : []));
        markDataShown('keys');
      } catch (error) {
        listAlert.textContent = error.message; listAlert.hidden = false;
      }
    }

    function table(keys) {
      if (!keys.length) return h('p', { class: 'muted' }, t('keys.none'));
      return h('table', {},
        h('caption', { class: 'muted' }, t('keys.caption')),
        h('thead', {}, h('tr', {}, ['keys.colName', 'keys.colPrefix', 'keys.colCreated', 'keys.colState', 'keys.colAction']
          .map((k) => h('th', { scope: 'col' }, t(k))))),
        h('tbody', {}, keys.map((key) => h('tr', { 'data-key-id': key.id },
          h('td', {}, String(key.name ?? ''), key.current ? h('span', { class: 'muted' }, ` (${t('keys.current')})`) : null),
          h('td', { class: 'key-once' }, String(key.prefix ?? '')),
          h('td', {}, formatDate(key.created_at)),
          h('td', {}, key.revoked_at ? t('keys.revokedAt', { date: formatDate(key.revoked_at) }) : t('keys.active')),
          h('td', {}, key.revoked_at ? null : h('button', {
            type: 'button', class: 'danger', 'aria-label': t('keys.revokeNamed', { name: String(key.name ?? '') }),
            onclick: () => revoke(key),
          }, t('keys.revoke')))))));
    }

    async function revoke(key) {
      if (!window.confirm(t('keys.confirmRevoke', { name: String(key.name ?? '') }))) return;
      try {
        await api('DELETE', `/api/keys/${encodeURIComponent(key.id)}`);
        if (key.current) { auth.set(''); auth.signedIn = false; app.go('signin'); return; }
        await load();
        list.querySelector('h1, button, table')?.focus?.();
      } catch (error) {
        listAlert.textContent = error.message; listAlert.hidden = false;
      }
    }

    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      busy(form, true);
      try {
        const answer = await api('POST', '/api/keys', { name: form.elements.namedItem('name').value });
        busy(form, false);
        clearErrors(form);
        form.reset();
        const keyInput = h('input', { type: 'text', readonly: true, value: String(answer.key ?? ''), class: 'key-once',
                                      id: 'new-key', 'aria-describedby': 'new-key-hint' });
        replace(created,
          h('label', { for: 'new-key', class: 'label' }, t('keys.created')),
          keyInput,
          h('p', { id: 'new-key-hint' }, t('keys.onlyOnce')),
          h('button', { type: 'button', class: 'secondary', onclick: () => copy(keyInput) }, t('keys.copy')));
        created.hidden = false;
        keyInput.focus();
        keyInput.select();
        await load();
      } catch (error) {
        busy(form, false);
        showError(form, error, 'name');
      }
    });

    async function copy(input) {
      input.select();
      try { await navigator.clipboard.writeText(input.value); } catch { document.execCommand?.('copy'); }
    }

    main.append(h('h1', {}, t('keys.title')), h('p', { class: 'muted' }, t('keys.intro')),
      h('h2', {}, t('keys.new')), form, created, h('h2', {}, t('keys.yours')), listAlert, list);
    load();
  },
};
